"""Society indicators: reading StatLine and SCP exports, the preview, idempotent imports, the pages, the reference."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.indicator_models import Indicator, IndicatorImport, IndicatorValue
from analysis.reference import load_indicators
from analysis.services.indicators import import_preview, parse_number, parse_period

# A StatLine export as the "Downloaden > CSV" of a table gives it: quoted headers, semicolons, an ID column,
# period codes, decimal commas, a total and a breakdown, and "." where a figure is missing.
STATLINE = (
    b'"ID";"Herkomst";"Perioden";"Ervaren discriminatie (%)"\r\n'
    b'"0";"Totaal";"2021JJ00";"26,4"\r\n'
    b'"1";"Totaal";"2022JJ00";"27,1"\r\n'
    b'"2";"Totaal";"2023JJ00";"."\r\n'
    b'"3";"Tweede generatie";"2022JJ00";"43,0"\r\n'
)
SCP = b"Jaar,Percentage\n2019,31.5\n2021,33\n"


@pytest.fixture
def discrimination(db) -> Indicator:
    return Indicator.objects.get(code="ervaren-discriminatie")


def _upload(client, indicator, content: bytes, name="tabel.csv", column=""):
    return client.post(
        reverse("analysis:indicator_import_create"),
        {"indicator": indicator.pk, "file": SimpleUploadedFile(name, content, "text/csv"), "value_column": column},
    )


def _preview_url(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


# ---------------------------------------------------------------------------
# Reading


@pytest.mark.parametrize(
    ("text", "label", "end"),
    [
        ("2023JJ00", "2023", datetime.date(2023, 12, 31)),
        ("2023", "2023", datetime.date(2023, 12, 31)),
        ("2023*", "2023", datetime.date(2023, 12, 31)),
        ("2023KW02", "2023K2", datetime.date(2023, 6, 30)),
        ("2023 2e kwartaal", "2023K2", datetime.date(2023, 6, 30)),
        ("2024MM02", "2024M02", datetime.date(2024, 2, 29)),
        ("2024 februari", "2024M02", datetime.date(2024, 2, 29)),
    ],
)
def test_statline_and_scp_periods_are_read(text, label, end):
    period = parse_period(text)
    assert (period.label, period.end) == (label, end)


@pytest.mark.parametrize("text", ["2023XX01", "2023MM13", "twintig", "2023KW05"])
def test_an_unknown_period_is_not_guessed(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("text", "delimiter", "value"),
    [("26,4", ";", "26.4"), ("1.234,5", ";", "1234.5"), ("1.234", ";", "1234"), ("31.5", ",", "31.5")],
)
def test_dutch_and_international_numbers_are_read(text, delimiter, value):
    assert parse_number(text, delimiter=delimiter) == Decimal(value)


# ---------------------------------------------------------------------------
# The import


def test_a_statline_export_is_previewed_row_by_row_and_nothing_is_saved_yet(staff_client, discrimination):
    before = IndicatorValue.objects.count()
    page = staff_client.get(_preview_url(_upload(staff_client, discrimination, STATLINE)))
    assert page.status_code == 200
    rows = {(r["row"].period, r["row"].breakdown): r["row"] for r in page.context["rows"]}
    assert rows[("2021", "")].status == "new"
    assert rows[("2021", "")].value == Decimal("26.4")
    assert rows[("2023", "")].status == "skipped"
    assert rows[("2022", "Herkomst: Tweede generatie")].value == Decimal("43")
    assert page.context["preview"].breakdown_columns == ["Herkomst"]
    assert "overgeslagen" in page.content.decode()
    assert IndicatorValue.objects.count() == before


def test_applying_saves_each_figure_with_its_file_and_row(staff_client, discrimination, users):
    url = _preview_url(_upload(staff_client, discrimination, STATLINE, name="discriminatie.csv"))
    response = staff_client.post(url, {"action": "apply"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=discrimination, period="2022", breakdown="")
    assert value.value == Decimal("27.1")
    assert value.provenance == IndicatorValue.Provenance.IMPORT
    assert (value.source_import.file_name, value.source_row) == ("discriminatie.csv", 3)
    assert value.history.count() == 1
    detail = staff_client.get(reverse("analysis:indicator_detail", args=[discrimination.code])).content.decode()
    assert "Import discriminatie.csv, regel 3" in detail


def test_importing_the_same_file_again_changes_nothing(staff_client, discrimination):
    staff_client.post(_preview_url(_upload(staff_client, discrimination, STATLINE)), {"action": "apply"})
    stored = {v.pk: (v.value, v.source_import_id) for v in IndicatorValue.objects.filter(indicator=discrimination)}
    history = IndicatorValue.history.count()

    again = _preview_url(_upload(staff_client, discrimination, STATLINE))
    page = staff_client.get(again)
    assert page.context["counts"] == {"new": 0, "changed": 0, "unchanged": 3, "skipped": 1, "error": 0}
    assert "ongewijzigd" in page.content.decode()
    assert not page.context["preview"].can_apply
    staff_client.post(again, {"action": "apply"})

    assert {v.pk: (v.value, v.source_import_id) for v in IndicatorValue.objects.filter(indicator=discrimination)} == (
        stored
    )
    assert IndicatorValue.history.count() == history


def test_a_corrected_figure_updates_the_same_value_in_place(staff_client, discrimination):
    staff_client.post(_preview_url(_upload(staff_client, discrimination, STATLINE)), {"action": "apply"})
    first = IndicatorValue.objects.get(indicator=discrimination, period="2022", breakdown="")
    corrected = STATLINE.replace(b'"27,1"', b'"27,3"')
    url = _preview_url(_upload(staff_client, discrimination, corrected))
    page = staff_client.get(url)
    assert page.context["counts"]["changed"] == 1
    assert "gewijzigd (was 27,1%)" in page.content.decode()
    staff_client.post(url, {"action": "apply"})
    first.refresh_from_db()
    assert first.value == Decimal("27.3")
    assert IndicatorValue.objects.filter(indicator=discrimination, period="2022", breakdown="").count() == 1


def test_a_row_with_an_error_is_reported_in_dutch_and_blocks_the_whole_import(staff_client, discrimination):
    bad = STATLINE.replace(b'"26,4"', b'"ongeveer 26"').replace(b'"2022JJ00";"27,1"', b'"2022XX00";"27,1"')
    url = _preview_url(_upload(staff_client, discrimination, bad))
    page = staff_client.get(url).content.decode()
    assert "&#x27;ongeveer 26&#x27; is geen getal" in page
    assert "&#x27;2022XX00&#x27; is geen periode die de portal kent" in page
    response = staff_client.post(url, {"action": "apply"})
    assert response.status_code == 400
    assert not IndicatorValue.objects.filter(indicator=discrimination, provenance="import").exists()


def test_a_file_without_a_period_column_is_kept_and_can_be_read_again_differently(staff_client, discrimination):
    content = b'"Jaartal";"Waarde"\n"2021";"26,4"\n'
    url = _preview_url(_upload(staff_client, discrimination, content))
    page = staff_client.get(url).content.decode()
    assert "Er is geen kolom met de periode gevonden" in page
    assert "Jaartal, Waarde" in page
    # The kept file is read again for another value column without uploading it again.
    upload = IndicatorImport.objects.get(pk=url.rstrip("/").split("/")[-1])
    assert upload.content.startswith('"Jaartal"')
    response = staff_client.post(url, {"action": "change", "indicator": discrimination.pk, "value_column": "Nee"})
    assert response.status_code == 302


def test_an_unknown_value_column_names_the_columns_there_are(staff_client, discrimination):
    url = _preview_url(_upload(staff_client, discrimination, SCP, column="Waarde"))
    assert "De kolom &#x27;Waarde&#x27; staat niet in het bestand. Kies een van: Jaar, Percentage." in (
        staff_client.get(url).content.decode()
    )
    staff_client.post(url, {"action": "change", "indicator": discrimination.pk, "value_column": "Percentage"})
    preview = staff_client.get(url).context["preview"]
    assert [(r.period, r.value) for r in preview.rows] == [("2019", Decimal("31.5")), ("2021", Decimal("33"))]


def test_a_file_that_is_not_text_is_refused_and_the_choices_stay(staff_client, discrimination):
    response = _upload(staff_client, discrimination, b"\x00\x01PK\x03\x04", name="tabel.xlsx", column="Percentage")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit is geen tekstbestand" in body
    assert response.context["form"]["value_column"].value() == "Percentage"
    assert str(response.context["form"]["indicator"].value()) == str(discrimination.pk)
    assert not IndicatorImport.objects.exists()


def test_an_empty_upload_says_what_is_missing(staff_client):
    response = staff_client.post(reverse("analysis:indicator_import_create"), {})
    assert response.status_code == 400
    assert "Kies het CSV-bestand met de cijfers." in response.content.decode()


def test_a_repeated_period_and_breakdown_in_one_file_is_an_error(discrimination, users):
    upload = IndicatorImport.objects.create(
        indicator=discrimination, file_name="x.csv", content="Jaar;Waarde\n2021;1\n2021;2\n", content_hash="-"
    )
    rows = import_preview(upload=upload).rows
    assert rows[1].status == "error"
    assert "regel 2" in rows[1].message


# ---------------------------------------------------------------------------
# The pages


def test_the_board_reads_the_indicators_but_does_not_import(board_client):
    page = board_client.get(reverse("analysis:indicator_list"))
    assert page.status_code == 200
    assert "Ooit discriminatie ervaren" in page.content.decode()
    assert "Cijfers inlezen" not in page.content.decode()
    assert board_client.get(reverse("analysis:indicator_import_create")).status_code == 403


def test_a_municipality_user_does_not_see_the_indicators(municipality_client):
    assert municipality_client.get(reverse("analysis:indicator_list")).status_code == 403


def test_the_list_runs_a_fixed_number_of_queries_however_many_figures(
    staff_client, discrimination, django_assert_num_queries
):
    url = reverse("analysis:indicator_list")
    staff_client.get(url)
    with django_assert_num_queries(7):  # two of them: the header's programmes and unread notifications
        staff_client.get(url)
    for year in range(2000, 2010):
        IndicatorValue.objects.create(
            indicator=discrimination,
            period=str(year),
            period_end=datetime.date(year, 12, 31),
            value=year - 1980,
            provenance="manual",
        )
    with django_assert_num_queries(7):
        page = staff_client.get(url)
    assert "25%" in page.content.decode()


def test_an_indicator_page_shows_its_line_chart_with_its_table_and_marks_demo_figures(staff_client, discrimination):
    for year, value in ((2022, 27), (2024, 26)):
        IndicatorValue.objects.create(
            indicator=discrimination,
            period=str(year),
            period_end=datetime.date(year, 12, 31),
            value=value,
            provenance="demo",
        )
    page = staff_client.get(reverse("analysis:indicator_detail", args=[discrimination.code]))
    body = page.content.decode()
    assert "<svg" in body and 'role="img"' in body
    assert "26% (demo)" in body
    # The figure of the programme plan, with its source and the note that it is a lower bound.
    assert "Referentiegegevens (bron van het programma)" in body
    assert "ondergrens" in body
    assert "Ten opzichte van 2022 (27%) is dat verbeterd." in body


def test_an_unknown_indicator_is_not_found(staff_client):
    assert staff_client.get(reverse("analysis:indicator_detail", args=["bestaat-niet"])).status_code == 404


# ---------------------------------------------------------------------------
# The reference data


def test_loading_the_reference_again_changes_nothing_and_keeps_imported_figures(discrimination, users):
    value = IndicatorValue.objects.get(indicator=discrimination, period="2020", breakdown="")
    assert value.provenance == IndicatorValue.Provenance.REFERENCE
    assert value.value == Decimal("25")
    value.value, value.provenance = Decimal("25.8"), IndicatorValue.Provenance.IMPORT
    value.save()
    history = (Indicator.history.count(), IndicatorValue.history.count())
    load_indicators()
    value.refresh_from_db()
    assert value.value == Decimal("25.8")
    assert (Indicator.history.count(), IndicatorValue.history.count()) == history


def test_every_indicator_of_the_reference_has_a_source_and_speaks_to_a_phenomenon_or_factor(db):
    indicators = list(Indicator.objects.all())
    assert len(indicators) >= 6
    for indicator in indicators:
        assert indicator.source_publisher
        assert indicator.phenomenon_id or indicator.protective_factor_id
    assert {i.level.code for i in indicators} == {"individual", "community", "societal"}


# ---------------------------------------------------------------------------
# A figure by hand


def test_staff_record_a_figure_by_hand_and_correct_it_in_place(staff_client, discrimination, users):
    url = reverse("analysis:indicator_value_create", args=[discrimination.code])
    response = staff_client.post(url, {"period": "2023JJ00", "value": "26,9", "note": "SCP-bericht"})
    assert response.status_code == 302
    staff_client.post(url, {"period": "2023", "value": "27,2", "note": "Verbeterd"})
    figure = IndicatorValue.objects.get(indicator=discrimination, period="2023", breakdown="")
    assert (figure.value, figure.provenance, figure.recorded_by) == (Decimal("27.2"), "manual", users["alice"])
    assert [h.value for h in figure.history.order_by("history_date")] == [Decimal("26.9"), Decimal("27.2")]
    page = staff_client.get(reverse("analysis:indicator_detail", args=[discrimination.code])).content.decode()
    assert "Met de hand vastgelegd door alice" in page


def test_a_figure_by_hand_with_a_bad_period_or_value_keeps_what_was_typed(staff_client, discrimination):
    url = reverse("analysis:indicator_value_create", args=[discrimination.code])
    response = staff_client.post(url, {"period": "vorig jaar", "value": "26,9", "breakdown": "Regio: Utrecht"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "is geen periode die de portal kent" in body
    assert 'value="Regio: Utrecht"' in body and 'value="26,9"' in body
    response = staff_client.post(url, {"period": "2023", "value": "veel"})
    assert response.status_code == 400
    assert "Vul een getal in, bijvoorbeeld 26,4." in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=discrimination, period="2023").exists()


# ---------------------------------------------------------------------------
# The register of indicators


def _indicator_post(**changes) -> dict:
    from agenda.models import Phenomenon, ResilienceLevel

    data = {
        "code": "vertrouwen-medeburgers",
        "name": "Vertrouwen in medeburgers",
        "definition": "Aandeel dat vindt dat de meeste mensen te vertrouwen zijn.",
        "level": ResilienceLevel.objects.get(code="community").pk,
        "phenomenon": Phenomenon.objects.get(code="F4").pk,
        "unit": "percent",
        "direction": "higher",
        "source_publisher": "CBS",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_add_an_indicator_and_change_it_with_its_history(staff_client, users):
    response = staff_client.post(reverse("analysis:indicator_create"), _indicator_post())
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="vertrouwen-medeburgers")
    assert response["Location"] == indicator.get_absolute_url()
    response = staff_client.post(
        reverse("analysis:indicator_edit", args=[indicator.code]), _indicator_post(source_table="Sociale samenhang")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.source_table == "Sociale samenhang"
    assert [h.history_user for h in indicator.history.all()] == [users["alice"], users["alice"]]


def test_an_indicator_that_speaks_to_nothing_is_refused_and_keeps_what_was_typed(staff_client):
    response = staff_client.post(reverse("analysis:indicator_create"), _indicator_post(phenomenon=None))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies het maatschappelijke fenomeen of de beschermende factor" in body
    assert 'value="Vertrouwen in medeburgers"' in body
    assert not Indicator.objects.filter(code="vertrouwen-medeburgers").exists()


def test_a_region_column_with_the_netherlands_is_the_national_figure(discrimination, users):
    content = (
        '"ID";"Regio\'s";"Perioden";"Vertrouwen (%)"\n'
        '"0";"Nederland";"2023JJ00";"33,8"\n'
        '"1";"Utrecht (PV)";"2023JJ00";"38,1"\n'
        '"2";"NL01  ";"2022JJ00";"31,0"\n'
    )
    upload = IndicatorImport.objects.create(
        indicator=discrimination, file_name="regio.csv", content=content, content_hash="-"
    )
    rows = import_preview(upload=upload).rows
    assert [(r.period, r.breakdown, r.value) for r in rows] == [
        ("2023", "", Decimal("33.8")),
        ("2023", "Regio's: Utrecht (PV)", Decimal("38.1")),
        ("2022", "", Decimal("31")),
    ]


def test_an_indicator_page_runs_a_fixed_number_of_queries_however_many_figures(
    staff_client, discrimination, django_assert_num_queries
):
    url = reverse("analysis:indicator_detail", args=[discrimination.code])
    staff_client.post(_preview_url(_upload(staff_client, discrimination, STATLINE)), {"action": "apply"})
    staff_client.get(url)
    with django_assert_num_queries(8):
        staff_client.get(url)
    staff_client.post(
        _preview_url(_upload(staff_client, discrimination, STATLINE.replace(b"2021JJ00", b"2019JJ00"), name="b.csv")),
        {"action": "apply"},
    )
    with django_assert_num_queries(8):
        page = staff_client.get(url)
    assert "Import b.csv, regel 2" in page.content.decode()
