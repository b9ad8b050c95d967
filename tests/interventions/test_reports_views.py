"""The reporting pages, as the municipality and programme staff use them, including every kind of bad input."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from interventions.models import Report, ReportAttachment
from interventions.services import reports as services
from tests.factories import GrantFactory, ReportingPeriodFactory
from tests.interventions.reporting import (
    PDF_BYTES,
    docx_bytes,
    fill_report,
    start_report,
    submitted_report,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _client(client, user):
    client.force_login(user)
    return client


def _form_data(report, **overrides) -> dict:
    """What the report page posts when nothing is changed."""
    report = Report.objects.get(pk=report.pk)
    data = {"report-revision": report.revision, "report-summary": report.summary, "action": "save"}
    for item in report.items.all():
        prefix = f"item-{item.intervention_id}"
        data[f"{prefix}-participants_total"] = item.participants_total
        data[f"{prefix}-activities"] = item.activities
        data[f"{prefix}-spending"] = str(item.spending)
    data.update(overrides)
    return data


def _edit_url(report) -> str:
    return reverse("interventions:report_edit", args=[report.pk])


def _item_field(world, name: str) -> str:
    return f"item-{world.rotterdam_intervention.pk}-{name}"


# Workspace -----------------------------------------------------------------------


def test_the_workspace_shows_grant_spending_interventions_and_periods(client, world, users):
    fill_report(start_report(world, users["bob"]), users["bob"], spending="12500")
    response = _client(client, users["bob"]).get(reverse("interventions:workspace"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mijn gemeente: Rotterdam" in page
    assert "€\xa0100.000" in page  # the grant
    assert "€\xa012.500" in page  # spent so far
    assert "€\xa087.500" in page  # remaining
    assert "Weerbaar Rotterdam" in page
    assert "Sterk Utrecht" not in page
    assert "verder invullen" in page


def test_the_workspace_offers_to_start_a_report_for_an_open_period(client, world, users):
    page = _client(client, users["bob"]).get(reverse("interventions:workspace")).content.decode()
    assert f"{reverse('interventions:report_create')}?periode={world.period.pk}" in page


def test_a_municipality_user_without_a_municipality_is_told_so(client, world, users):
    users["bob"].memberships.all().delete()
    response = _client(client, users["bob"]).get(reverse("interventions:workspace"))
    assert response.status_code == 200
    assert "nog niet aan een gemeente gekoppeld" in response.content.decode()


def test_the_workspace_is_translated_to_english(client, world, users, settings):
    # The language switch sets this cookie; the pages follow the visitor's choice.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _client(client, users["bob"]).get(reverse("interventions:workspace")).content.decode()
    assert "My municipality: Rotterdam" in page
    assert "Reporting periods" in page and "Spent so far" in page


# Starting a report ---------------------------------------------------------------


def test_a_municipality_starts_a_report_for_an_open_period(client, world, users):
    response = _client(client, users["bob"]).post(reverse("interventions:report_create"), {"period": world.period.pk})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _edit_url(report)
    assert report.municipality == world.rotterdam


def test_a_second_report_for_the_same_period_gets_a_clear_message(client, world, users):
    start_report(world, users["bob"])
    response = _client(client, users["bob"]).post(reverse("interventions:report_create"), {"period": world.period.pk})
    assert response.status_code == 400
    assert "Er is al een verslag van uw gemeente over tweede halfjaar" in response.content.decode() or (
        "Er is al een verslag van uw gemeente over eerste halfjaar" in response.content.decode()
    )
    assert Report.objects.count() == 1


def test_a_period_that_is_not_open_gets_a_clear_message(client, world, users):
    closed = ReportingPeriodFactory(
        year=2020,
        half=1,
        opens_on=datetime.date(2020, 1, 1),
        deadline=datetime.date(2020, 8, 31),
        closes_on=datetime.date(2020, 12, 31),
    )
    response = _client(client, users["bob"]).post(reverse("interventions:report_create"), {"period": closed.pk})
    assert response.status_code == 400
    assert "De periode eerste halfjaar 2020 is gesloten sinds 31 december 2020" in response.content.decode()
    assert not Report.objects.exists()


def test_a_period_that_does_not_exist_gets_a_clear_message(client, world, users):
    response = _client(client, users["bob"]).post(reverse("interventions:report_create"), {"period": "99999"})
    assert response.status_code == 400
    assert "Deze periode bestaat niet" in response.content.decode()


# Editing -------------------------------------------------------------------------


def test_a_draft_is_saved_and_comes_back_as_typed(client, world, users):
    report = start_report(world, users["bob"])
    c = _client(client, users["bob"])
    data = _form_data(
        report,
        **{
            "report-summary": "Een goed halfjaar",
            _item_field(world, "participants_total"): "1.250",
            _item_field(world, "participants_12_17"): "300",
            _item_field(world, "activities"): "Twaalf bijeenkomsten",
            _item_field(world, "spending"): "2.500,50",
            _item_field(world, f"factor_{world.factor.pk}"): "4",
            _item_field(world, "lessons_learned"): "Vroeg beginnen",
        },
    )
    response = c.post(_edit_url(report), data)
    assert response.status_code == 302
    item = report.items.get()
    assert (item.participants_total, item.participants_12_17, item.spending) == (1250, 300, Decimal("2500.50"))
    assert item.outcomes.get().rating == 4
    page = c.get(_edit_url(report)).content.decode()
    for typed in ("Een goed halfjaar", 'value="1250"', 'value="2500,50"', "Twaalf bijeenkomsten", "Vroeg beginnen"):
        assert typed in page
    assert '<option value="4" selected>' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants_total", "-3", "Vul 0 of meer in; een negatief getal kan hier niet."),
        ("participants_0_11", "-1", "Vul 0 of meer in; een negatief getal kan hier niet."),
        ("spending", "-100", "Vul 0 of meer in; uitgaven kunnen niet negatief zijn."),
        ("spending", "veel", "Vul een bedrag in euro’s in"),
        ("participants_total", "twaalf", "Vul een geheel getal in"),
        ("spending", "12,345", "Gebruik hoogstens twee cijfers achter de komma."),
        ("participants_total", "99999999999", "onwaarschijnlijk groot"),
    ],
)
def test_bad_numbers_get_a_message_next_to_the_field_and_keep_what_was_typed(
    client, world, users, field, value, message
):
    report = start_report(world, users["bob"])
    data = _form_data(report, **{_item_field(world, field): value, "report-summary": "Niet kwijtraken"})
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'id="id_{_item_field(world, field)}_error"' in page
    assert f'value="{value}"' in page
    assert "Niet kwijtraken" in page
    assert Report.objects.get().summary == ""


def test_age_bands_over_the_total_are_refused(client, world, users):
    report = start_report(world, users["bob"])
    data = _form_data(
        report, **{_item_field(world, "participants_total"): "10", _item_field(world, "participants_65_plus"): "11"}
    )
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    assert response.status_code == 400
    assert "De leeftijdsgroepen tellen op tot 11, meer dan het totaal van 10." in response.content.decode()


def test_spending_over_the_grant_is_refused_with_the_amounts(client, world, users):
    report = start_report(world, users["bob"])
    data = _form_data(report, **{_item_field(world, "spending"): "100.000,01"})
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "meer dan de uitkering van € 100.000,00" in page
    assert "Verlaag de uitgaven met ten minste € 0,01" in page
    assert 'value="100.000,01"' in page


def test_submitting_an_empty_report_is_refused_and_nothing_is_lost(client, world, users):
    report = start_report(world, users["bob"])
    data = _form_data(report, action="submit", **{"report-summary": "Nog niets gedaan"})
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    assert response.status_code == 400
    assert "Het verslag is leeg en is niet ingediend" in response.content.decode()
    assert "Nog niets gedaan" in response.content.decode()
    assert Report.objects.get().status == Report.Status.DRAFT


def test_saving_and_submitting_hands_the_report_in(
    client, world, users, mailoutbox, django_capture_on_commit_callbacks
):
    report = start_report(world, users["bob"])
    data = _form_data(report, action="submit", **{_item_field(world, "participants_total"): "12"})
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(client, users["bob"]).post(_edit_url(report), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:report_detail", args=[report.pk])
    assert Report.objects.get().status == Report.Status.SUBMITTED
    assert len(mailoutbox) == 1


def test_a_submitted_report_cannot_be_edited_and_the_typed_values_stay(client, world, users):
    report = submitted_report(world, users["bob"])
    c = _client(client, users["bob"])
    response = c.get(_edit_url(report))
    assert response.status_code == 302
    data = _form_data(report, **{"report-summary": "Te laat bedacht"})
    response = c.post(_edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dit verslag is ingediend en wacht op beoordeling" in page
    assert "Te laat bedacht" in page
    assert Report.objects.get().summary == ""


def test_an_accepted_report_cannot_be_edited(client, world, users):
    report = services.report_accept(report=submitted_report(world, users["bob"]), by=users["alice"])
    response = _client(client, users["bob"]).post(_edit_url(report), _form_data(report))
    assert response.status_code == 409
    assert "Dit verslag is geaccepteerd en daarmee afgesloten" in response.content.decode()


def test_two_people_editing_the_same_draft_the_second_gets_a_conflict_showing_what_changed(client, world, users):
    report = start_report(world, users["bob"])
    colleague = users["bob"].__class__.objects.create_user("bea", password="x", first_name="Bea", last_name="Collega")
    colleague.groups.set(users["bob"].groups.all())
    colleague.memberships.create(municipality=world.rotterdam)
    first_form = _form_data(report)  # both load revision N

    _client(client, colleague).post(_edit_url(report), {**first_form, _item_field(world, "spending"): "800"})
    client.logout()
    mine = {**first_form, _item_field(world, "spending"): "650", "report-summary": "Mijn tekst"}
    response = _client(client, users["bob"]).post(_edit_url(report), mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit verslag intussen gewijzigd" in page
    assert "Bea Collega" in page
    assert "Uitgaven (euro)" in page and "800,00" in page
    assert 'value="650"' in page and "Mijn tekst" in page  # what I typed is kept
    assert Report.objects.get().items.get().spending == Decimal("800")
    # Saving again, deliberately, keeps my version.
    current = Report.objects.get().revision
    assert f'name="report-revision" value="{current}"' in page
    response = client.post(_edit_url(report), {**mine, "report-revision": current})
    assert response.status_code == 302
    assert Report.objects.get().items.get().spending == Decimal("650")


def test_a_tampered_revision_is_refused(client, world, users):
    report = start_report(world, users["bob"])
    response = _client(client, users["bob"]).post(_edit_url(report), _form_data(report, **{"report-revision": "x"}))
    assert response.status_code == 400


# Attachments ---------------------------------------------------------------------


def test_an_attachment_is_uploaded_with_the_draft_and_downloaded_only_through_the_portal(client, world, users, media):
    report = start_report(world, users["bob"])
    c = _client(client, users["bob"])
    data = _form_data(report, **{"attachments-file": upload("begroting.pdf", PDF_BYTES, "text/plain")})
    assert c.post(_edit_url(report), data).status_code == 302
    attachment = ReportAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    response = c.get(reverse("interventions:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="begroting.pdf"' in response["Content-Disposition"]
    # Another municipality, and anyone guessing /media/ paths, get nothing.
    client.force_login(users["carol"])
    assert client.get(reverse("interventions:attachment_download", args=[attachment.pk])).status_code == 404
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_a_file_whose_content_does_not_match_its_name_is_refused_and_the_form_kept(client, world, users, media):
    report = start_report(world, users["bob"])
    data = _form_data(
        report,
        **{"attachments-file": upload("foto.png", docx_bytes(), "image/png"), "report-summary": "Bewaar mij"},
    )
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "De inhoud van ‘foto.png’ past niet bij de bestandsnaam: het is een DOCX-bestand." in page
    assert "Bewaar mij" in page
    assert "Kies de bijlage opnieuw" in page
    assert not ReportAttachment.objects.exists()


def test_a_file_that_is_too_large_is_refused(client, world, users, media, settings):
    settings.REPORT_ATTACHMENT_MAX_BYTES = 1024
    report = start_report(world, users["bob"])
    data = _form_data(report, **{"attachments-file": upload("groot.pdf", PDF_BYTES + b"0" * 2048)})
    response = _client(client, users["bob"]).post(_edit_url(report), data)
    assert response.status_code == 400
    assert "een bijlage mag hoogstens" in response.content.decode()
    assert not ReportAttachment.objects.exists()


def test_a_file_of_more_than_twenty_megabytes_is_refused(client, world, users, media):
    report = start_report(world, users["bob"])
    big = upload("groot.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024))
    response = _client(client, users["bob"]).post(_edit_url(report), _form_data(report, **{"attachments-file": big}))
    assert response.status_code == 400
    assert "een bijlage mag hoogstens 20 MB zijn" in response.content.decode()


def test_an_attachment_can_be_removed_from_a_draft(client, world, users, media):
    report = start_report(world, users["bob"])
    report = services.report_save(
        report=report, by=users["bob"], revision=report.revision, add_files=[upload("a.pdf", PDF_BYTES)]
    )
    attachment = report.attachments.get()
    response = _client(client, users["bob"]).post(
        _edit_url(report), _form_data(report, **{"attachments-remove": [attachment.pk]})
    )
    assert response.status_code == 302
    assert not ReportAttachment.objects.exists()
    assert ReportAttachment.history.filter(id=attachment.pk, history_type="-").get().history_user == users["bob"]


# Review --------------------------------------------------------------------------


def _review(client, report, **data):
    return client.post(reverse("interventions:report_review", args=[report.pk]), {"form": "review", **data})


def test_returning_without_a_comment_is_refused(client, world, users):
    report = submitted_report(world, users["bob"])
    response = _review(_client(client, users["alice"]), report, decision="return", comment=" ")
    assert response.status_code == 400
    assert "Schrijf waarom u het verslag terugstuurt" in response.content.decode()
    assert Report.objects.get().status == Report.Status.SUBMITTED


def test_staff_return_a_report_and_the_municipality_sees_the_comment(client, world, users):
    report = submitted_report(world, users["bob"])
    response = _review(_client(client, users["alice"]), report, decision="return", comment="Graag de lessen invullen")
    assert response.status_code == 302
    assert Report.objects.get().status == Report.Status.RETURNED
    client.force_login(users["bob"])
    page = client.get(reverse("interventions:report_detail", args=[report.pk])).content.decode()
    assert "Teruggestuurd door de programmastaf" in page
    assert "Graag de lessen invullen" in page
    edit_page = client.get(_edit_url(report)).content.decode()
    assert "Graag de lessen invullen" in edit_page


def test_staff_accept_and_a_second_decision_gets_a_clear_message(client, world, users):
    report = submitted_report(world, users["bob"])
    c = _client(client, users["alice"])
    assert _review(c, report, decision="accept").status_code == 302
    response = _review(c, report, decision="return", comment="Toch niet")
    assert response.status_code == 409
    assert "Dit verslag is al geaccepteerd." in response.content.decode()


def test_reopening_needs_a_reason_and_shows_in_the_history(client, world, users):
    report = services.report_accept(report=submitted_report(world, users["bob"]), by=users["alice"])
    c = _client(client, users["alice"])
    url = reverse("interventions:report_review", args=[report.pk])
    response = c.post(url, {"form": "reopen", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf waarom u het verslag heropent" in response.content.decode()
    assert c.post(url, {"form": "reopen", "reason": "Bedrag klopt niet"}).status_code == 302
    history = c.get(reverse("interventions:report_history", args=[report.pk])).content.decode()
    for step in ("Verslag begonnen", "Ingediend", "Geaccepteerd", "Heropend", "Bedrag klopt niet"):
        assert step in history


def test_the_history_shows_field_changes_with_dutch_labels(client, world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="1000")
    fill_report(report, users["bob"], spending="1500")
    page = _client(client, users["bob"]).get(reverse("interventions:report_history", args=[report.pk])).content.decode()
    assert "Uitgaven (euro)" in page
    assert "1.000,00" in page and "1.500,00" in page
    assert "Weerbaar Rotterdam" in page


# Overview and exports --------------------------------------------------------------


def test_the_overview_counts_states_and_shows_missing_reports_as_overdue_after_the_deadline(client, world, users):
    world.period.deadline = world.today - datetime.timedelta(days=1)
    world.period.opens_on = world.today - datetime.timedelta(days=40)
    world.period.save()
    submitted_report(world, users["bob"])  # Rotterdam handed in; Utrecht has a grant but no report
    response = _client(client, users["alice"]).get(reverse("interventions:report_overview"))
    page = response.content.decode()
    rows = {row.municipality.cbs_code: row for row in response.context["overview"].rows}
    assert rows["GM0344"].report is None and rows["GM0344"].is_overdue
    assert rows["GM0599"].status == Report.Status.SUBMITTED and not rows["GM0599"].is_overdue
    counts = {c.code: c.count for c in response.context["overview"].counts}
    assert counts["missing"] == 1 and counts["submitted"] == 1 and counts["draft"] == 0
    assert response.context["overview"].overdue_count == 1
    assert "Niet begonnen" in page and "Te laat" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, {"GM0599"}),
        ({"status": "missing"}, {"GM0344"}),
        ({"municipality": "GM0344"}, {"GM0344"}),
        ({"overdue": "true"}, set()),
        ({"overdue": "false"}, {"GM0599", "GM0344"}),
        ({"status": "accepted"}, set()),
    ],
)
def test_the_overview_filters(client, world, users, query, expected):
    submitted_report(world, users["bob"])
    response = _client(client, users["alice"]).get(reverse("interventions:report_overview"), query)
    assert {row.municipality.cbs_code for row in response.context["overview"].rows} == expected


def test_a_bad_filter_value_is_shown_as_an_error_not_a_crash(client, world, users):
    response = _client(client, users["alice"]).get(
        reverse("interventions:report_overview"), {"period": "abc", "status": "nonsense", "municipality": "GM9999"}
    )
    assert response.status_code == 200
    assert response.context["overview"].period == world.period


def test_the_overview_exports_to_csv_and_xlsx_with_the_same_rows(client, world, users):
    submitted_report(world, users["bob"])
    c = _client(client, users["alice"])
    response = c.get(reverse("interventions:report_export", args=["csv"]), {"status": "submitted"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Periode", "CBS-code", "Gemeente", "Status"]
    assert [row[1:4] for row in rows[1:]] == [["GM0599", "Rotterdam", "Ingediend"]]
    assert rows[1][-1] == "1000,00"
    response = c.get(reverse("interventions:report_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B1"].value == "CBS-code"
    assert sorted(sheet.cell(row=r, column=2).value for r in (2, 3)) == ["GM0344", "GM0599"]
    assert c.get(reverse("interventions:report_export", args=["pdf"])).status_code == 404


def test_the_sisa_summary_gives_spending_cumulative_carried_over_and_final_account(client, world, users):
    rotterdam_grant = world.rotterdam.grants.get()
    earlier_year = world.today.year
    fill_report(start_report(world, users["bob"]), users["bob"], spending="30000")
    c = _client(client, users["alice"])
    response = c.get(reverse("interventions:sisa_summary"), {"jaar": earlier_year})
    rows = {row.municipality.cbs_code: row for row in response.context["rows"]}
    rotterdam = rows["GM0599"]
    assert (rotterdam.spending_in_year, rotterdam.cumulative) == (Decimal("30000"), Decimal("30000"))
    assert rotterdam.carried_over == rotterdam_grant.amount - Decimal("30000")
    assert rotterdam.is_final is False
    last = c.get(reverse("interventions:sisa_summary"), {"jaar": rotterdam_grant.last_year}).context["rows"]
    final = next(row for row in last if row.municipality.cbs_code == "GM0599")
    assert (final.spending_in_year, final.cumulative, final.is_final, final.carried_over) == (
        Decimal("0"),
        Decimal("30000"),
        True,
        None,
    )
    response = c.get(reverse("interventions:sisa_export", args=[earlier_year, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {sheet.cell(row=r, column=1).value: [c.value for c in sheet[r]] for r in range(2, sheet.max_row + 1)}
    assert values["GM0599"][6] == 30000
    assert values["GM0599"][9] == "nee"


def test_grants_over_the_same_years_share_one_budget(world, users):
    from interventions.selectors.reports import budgets_for

    GrantFactory(municipality=world.rotterdam, first_year=world.today.year, last_year=world.today.year + 1, amount=5)
    budgets = budgets_for(municipality=world.rotterdam)
    assert len(budgets) == 1
    assert budgets[0].amount == Decimal("100005")


def test_staff_give_a_municipality_user_an_api_token_shown_once(client, world, users):
    c = _client(client, users["alice"])
    response = c.post(reverse("interventions:api_tokens"), {"user": users["bob"].pk})
    token = users["bob"].auth_token
    assert token.key in response.content.decode()
    assert token.key not in c.get(reverse("interventions:api_tokens")).content.decode()
    response = c.post(reverse("interventions:api_tokens"), {"user": users["dave"].pk})
    assert response.status_code == 400
    assert "Kies een gebruiker van een gemeente." in response.content.decode()


def test_the_board_reads_a_submitted_report_but_not_its_history_and_changes_nothing(client, world, users, media):
    report = start_report(world, users["bob"])
    report = services.report_save(
        report=report, by=users["bob"], revision=report.revision, add_files=[upload("a.pdf", PDF_BYTES)]
    )
    c = _client(client, users["dave"])
    detail = reverse("interventions:report_detail", args=[report.pk])
    download = reverse("interventions:attachment_download", args=[report.attachments.get().pk])
    assert c.get(detail).status_code == 404  # a draft: the board never sees it
    assert c.get(download).status_code == 404
    report = services.report_submit(report=fill_report(report, users["bob"]), by=users["bob"])
    page = c.get(detail).content.decode()
    assert "Weerbaar Rotterdam" in page
    assert "Verslag bewerken" not in page and "Beoordelen" not in page and "Geschiedenis van dit verslag" not in page
    assert c.get(download).status_code == 200
    assert c.get(reverse("interventions:report_history", args=[report.pk])).status_code == 403
    assert c.get(_edit_url(report)).status_code == 403
    assert c.get(reverse("interventions:report_review", args=[report.pk])).status_code == 403
    services.report_return(report=report, by=users["alice"], comment="Aanvullen")
    assert c.get(detail).status_code == 404  # returned: back to work in progress
