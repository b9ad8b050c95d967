"""The KPI page, the drill-down, the API and the export agree with counts made by hand on the demo data."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agenda.models import Activity, Event, Kpi, KpiMeasurement, ProgrammeChoice, ResearchResult
from tests.analysis.kpi_expectations import MANUAL, counted_ids, display, expected_value
from tests.factories import (
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

D = datetime.date
# Mid-programme, the end of a calendar year, and the programme's last day (the default).
DATES = [D(2024, 6, 30), D(2024, 12, 31), D(2025, 6, 30)]
CODES = [f"K{n:02d}" for n in range(1, 13)]


@pytest.fixture
def staff(client, db, programme):
    """Staff who chose the programme 2023-2025 in the header: the demo also holds the multi-year plan."""
    user = make_user("alice", role="staff")
    ProgrammeChoice.objects.create(user=user, programme=programme)
    client.force_login(user)
    return client


def page_values(html: str) -> dict[str, str]:
    """The 'Werkelijk' figure of each KPI card, as the page writes it."""
    cards = re.findall(r'id="kpi-(K\d+)".*?class="kpi-card__value[^"]*">([^<]*)</dd>', html, flags=re.S)
    return {code: text.strip() for code, text in cards}


def test_the_kpi_page_shows_each_kpi_as_counted_by_hand(staff, demo, programme):
    for as_of in DATES:
        response = staff.get(reverse("analysis:kpis"), {"as_of": as_of.isoformat()})
        assert response.status_code == 200
        expected = {code: display(code, expected_value(code, as_of, programme.starts_on)) for code in CODES}
        assert page_values(response.content.decode()) == expected, as_of


def test_the_default_date_is_the_programmes_last_day_once_it_has_ended(staff, demo, programme):
    response = staff.get(reverse("analysis:kpis"))
    assert response.context["as_of"] == programme.ends_on
    assert "Het programma is geëindigd op 30 juni 2025" in response.content.decode()
    expected = {code: display(code, expected_value(code, programme.ends_on, programme.starts_on)) for code in CODES}
    assert page_values(response.content.decode()) == expected


def test_the_api_gives_the_same_values_as_counted_by_hand(staff, demo, programme):
    for as_of in DATES:
        response = staff.get(reverse("analysis_api:kpi-list"), {"as_of": as_of.isoformat()})
        assert response.status_code == 200
        values = {row["code"]: row["value"] for row in response.json()}
        expected = {code: expected_value(code, as_of, programme.starts_on) for code in CODES}
        assert {code: None if v is None else int(Decimal(v)) for code, v in values.items()} == expected


def test_the_drill_down_counts_exactly_the_objects_counted_by_hand(staff, demo, programme):
    as_of = D(2025, 6, 30)
    for code in sorted(set(CODES) - MANUAL):
        ids = counted_ids(code, as_of)
        api = staff.get(reverse("analysis_api:kpi-members", args=[code]), {"as_of": as_of.isoformat()}).json()
        assert api["count"] == len(ids), code
        if code != "K11":  # an analysis counts once per year, so K11 counts years, not analyses
            assert {member["id"] for member in api["results"]} == ids, code
        page = staff.get(reverse("analysis:kpi_detail", args=[code]), {"as_of": as_of.isoformat()})
        assert page.context["counted_total"] == len(ids), code
        words = "telt mee." if len(ids) == 1 else "tellen mee."
        assert f"{len(ids)} {words}" in page.content.decode(), code


def test_every_counted_object_says_why_and_links_to_its_register_page(staff, demo):
    page = staff.get(reverse("analysis:kpi_detail", args=["K05"]), {"as_of": "2025-06-30"})
    rows = list(page.context["page_obj"])
    assert rows and all(row.reason.startswith("Ontwikkeld op") for row in rows)
    assert all(row.url and row.url.startswith("/register/interventies/") for row in rows)
    municipalities = staff.get(reverse("analysis:kpi_detail", args=["K02"]), {"as_of": "2025-06-30"})
    assert all(row.url.startswith("/register/gemeenten/GM") for row in municipalities.context["page_obj"])
    assert "in de learning community sinds" in municipalities.context["page_obj"][0].reason


def test_the_export_holds_the_same_values_as_counted_by_hand(staff, demo, programme):
    as_of = D(2024, 12, 31)
    expected = {code: expected_value(code, as_of, programme.starts_on) for code in CODES}
    response = staff.get(reverse("analysis:kpi_export", args=["csv"]), {"as_of": as_of.isoformat()})
    assert response["Content-Disposition"] == 'attachment; filename="kpis-agenda-2023-2025-2024-12-31.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:8] == ["Peildatum", "Actielijn", "Code", "KPI", "Periode", "Eenheid", "Streefwaarde", "Werkelijk"]
    assert header[-4:] == ["2023-H1", "2023-H2", "2024-H1", "2024-H2"]
    values = {row[2]: row[7] for row in rows[1:]}
    assert values == {code: "" if v is None else f"{v},00" for code, v in expected.items()}

    workbook = load_workbook(
        io.BytesIO(staff.get(reverse("analysis:kpi_export", args=["xlsx"]), {"as_of": "2024-12-31"}).content)
    )
    sheet = workbook.active
    cells = {row[2]: row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells == {code: None if v is None else Decimal(v) for code, v in expected.items()}
    assert sheet.cell(row=2, column=1).value.date() == as_of


def test_a_manual_kpi_without_a_measurement_shows_no_data_never_zero(staff, programme):
    html = staff.get(reverse("analysis:kpis"), {"as_of": "2024-06-30"}).content.decode()
    assert page_values(html)["K04"] == "geen gegevens"
    assert "Geen gegevens: nog niets gemeten." in html
    KpiMeasurement.objects.create(kpi=Kpi.objects.get(code="K04"), measured_on=D(2024, 3, 1), value=0)
    html = staff.get(reverse("analysis:kpis"), {"as_of": "2024-06-30"}).content.decode()
    assert page_values(html)["K04"] == "nog niet bereikt"  # a milestone measured as not (yet) reached


def test_the_page_documents_the_status_thresholds(staff):
    html = staff.get(reverse("analysis:kpis")).content.decode()
    assert "Hoe de status wordt bepaald" in html
    assert "ten minste 90% van wat volgens de rechte lijn" in html
    assert "60% tot 90%" in html
    for label in ("Behaald", "Op koers", "Risico", "Achter", "Geen gegevens"):
        assert f">{label}</span>" in html


def test_each_kpi_has_a_trend_with_a_text_alternative(staff, demo):
    html = staff.get(reverse("analysis:kpis"), {"as_of": "2025-06-30"}).content.decode()
    assert html.count('<span class="sparkline"><svg') == 12
    assert "Verloop van K05 per halfjaar" in html
    assert re.search(r"<desc[^>]*>Waarde per halfjaar: 2023-H1: 0; 2023-H2: \d+;", html)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "Dit is geen bestaande datum"),
        ("morgen", "Dit is geen bestaande datum"),
        ("2022-12-31", "ligt vóór de start van het programma op 1 januari 2023"),
        ("2999-01-01", "ligt in de toekomst"),
    ],
)
def test_a_bad_date_is_explained_in_dutch_and_the_page_still_shows_figures(staff, value, message):
    response = staff.get(reverse("analysis:kpis"), {"as_of": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{value}"' in html  # what was typed is kept
    assert len(page_values(html)) == 12


def test_a_bad_date_on_the_export_goes_back_to_the_page_with_the_message(staff):
    response = staff.get(reverse("analysis:kpi_export", args=["csv"]), {"as_of": "2024-13-01"})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:kpis") + "?as_of=2024-13-01"
    assert staff.get(reverse("analysis:kpi_export", args=["pdf"])).status_code == 404


def test_the_action_line_filter_shows_only_that_lines_kpis(staff):
    html = staff.get(reverse("analysis:kpis"), {"action_line": "AL3"}).content.decode()
    assert sorted(page_values(html)) == ["K07", "K08", "K09", "K10"]
    assert staff.get(reverse("analysis:kpis"), {"action_line": "AL9"}).status_code == 400


def test_an_unknown_kpi_is_not_found(staff):
    assert staff.get(reverse("analysis:kpi_detail", args=["K99"])).status_code == 404


def _more_data(n: int) -> None:
    for index in range(n):
        intervention = InterventionFactory(stage="developed", developed_on=D(2024, 1, 1 + index))
        EvaluationFactory(intervention=intervention, completed_on=D(2024, 5, 1))
        intervention.partners.add(OrganisationFactory())
        partnership = PartnershipFactory()
        partnership.members.add(OrganisationFactory())
        GrantFactory(awarded_on=D(2023, 5, 1))
        LearningCommunityMembershipFactory(joined_on=D(2024, 2, 1))
        day = D(2024, 2, 1) + datetime.timedelta(days=KpiMeasurement.objects.count())
        KpiMeasurement.objects.create(kpi=Kpi.objects.get(code="K10"), measured_on=day, value=1)
        programme = Kpi.objects.get(code="K10").programme
        ResearchResult.objects.create(programme=programme, title="R", source="NWA", year=2024, shared_on=day)
        Event.objects.create(
            activity=Activity.objects.get(kind=Activity.Kind.ADVISORY_BOARD),
            title="Klankbordgroep",
            held_on=day,
            advice_asked=True,
            results_presented="Cijfers",
        )


# Session, user and groups; programmes; KPIs; the action-line choices; one query per
# measure in use (10) and one for all manual measurements.
KPI_PAGE_QUERIES = 19  # two of them: the programmes for the header's switcher, its unread notifications


def test_the_kpi_page_takes_a_fixed_number_of_queries_whatever_the_data(staff, django_assert_num_queries):
    _more_data(2)
    with django_assert_num_queries(KPI_PAGE_QUERIES):
        assert staff.get(reverse("analysis:kpis"), {"as_of": "2025-06-30"}).status_code == 200
    _more_data(8)
    with django_assert_num_queries(KPI_PAGE_QUERIES):
        assert staff.get(reverse("analysis:kpis"), {"as_of": "2025-06-30"}).status_code == 200
    assert KPI_PAGE_QUERIES <= 20


# Session, user, groups, programmes, the KPI, its values; then what it counts (K02: memberships,
# municipalities and their codes for the links; K10: the measurements, their history and the form).
@pytest.mark.parametrize(("code", "queries"), [("K02", 11), ("K08", 9), ("K10", 11)])
def test_a_drill_down_takes_a_fixed_number_of_queries_whatever_the_data(
    staff, django_assert_num_queries, code, queries
):
    _more_data(2)
    with django_assert_num_queries(queries):
        assert staff.get(reverse("analysis:kpi_detail", args=[code]), {"as_of": "2025-06-30"}).status_code == 200
    _more_data(8)
    with django_assert_num_queries(queries):
        assert staff.get(reverse("analysis:kpi_detail", args=[code]), {"as_of": "2025-06-30"}).status_code == 200
