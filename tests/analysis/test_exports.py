"""The budget, the expenditures, the advice log and the KPI measurements as CSV and XLSX: the page's programme,
date and filters, its headers in the reader's language, formulas defused, empty figures as empty cells."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import ActionLine, Expenditure, Kpi, KpiMeasurement
from agenda.services import expenditure_save, kpi_measurement_save
from analysis.models import Advice
from analysis.services.advice import advice_record, advice_respond
from analysis.services.dashboards import dashboard_publish
from core.models import SecurityEvent
from tests.export_files import by_first_column, csv_rows, in_english, queries_of, xlsx_rows
from tests.factories import DashboardFactory, InterventionFactory

pytestmark = pytest.mark.django_db

D = datetime.date
PROGRAMME = {"programme": "agenda-2023-2025"}


def _export(client, name: str, fmt: str, **query):
    response = client.get(reverse(name, args=[fmt]), {**PROGRAMME, **query})
    assert response.status_code == 200
    return response


def _spend(programme, code, amount: str, day, *, by, source: str, kind=Expenditure.Kind.SPENT):
    line = ActionLine.objects.get(programme=programme, code=code) if code else None
    return expenditure_save(
        expenditure=Expenditure(
            programme=programme, action_line=line, kind=kind, amount=Decimal(amount), date=day, source=source
        ),
        by=by,
    )


@pytest.fixture
def money(programme, users):
    alice = users["alice"]
    _spend(programme, "AL1", "10000", D(2024, 2, 1), by=alice, source="Factuur congres")
    _spend(programme, "AL1", "4000", D(2024, 3, 1), by=alice, source="Opdracht", kind=Expenditure.Kind.COMMITTED)
    _spend(programme, "AL3", "2500.75", D(2025, 1, 15), by=alice, source="=cmd|' /C calc'!A0")


# Budget -------------------------------------------------------------------------


def test_the_expenditure_export_takes_the_pages_filters(staff_client, money):
    rows = csv_rows(_export(staff_client, "analysis:expenditure_export", "csv", year="2024", kind="spent"))
    assert rows[0] == ["Datum", "Bron", "Omschrijving", "Actielijn", "Soort", "Bedrag", "Vastgelegd door"]
    assert len(rows) == 2
    assert rows[1][:2] == ["01-02-2024", "Factuur congres"]
    assert rows[1][3].startswith("AL1 ")
    assert rows[1][5] == "10000,00"


def test_the_expenditure_export_in_english_defuses_a_formula(staff_client, money):
    response = _export(in_english(staff_client), "analysis:expenditure_export", "xlsx", action_line="AL3")
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["Date", "Source", "Description"]
    assert len(rows) == 2
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][5] == 2500.75
    assert rows[1][2] is None  # no description: an empty cell
    csv_body = csv_rows(_export(staff_client, "analysis:expenditure_export", "csv", action_line="AL3"))
    assert csv_body[1][1] == "'=cmd|' /C calc'!A0"


def test_the_budget_export_has_a_row_per_year_and_action_line_as_of_the_pages_date(staff_client, money):
    rows = csv_rows(_export(staff_client, "analysis:budget_export", "csv", as_of="2024-06-30"))
    assert rows[0][:3] == ["Jaar", "Actielijn", "Begroot"]
    logged = SecurityEvent.objects.get(event="export.csv").details
    assert (logged["export"], logged["as_of"], logged["rows"]) == ("budget", "2024-06-30", len(rows) - 1)
    al1_2024 = next(row for row in rows if row[0] == "2024" and row[1].startswith("AL1 "))
    assert al1_2024[4:6] == ["4000,00", "10000,00"]  # committed, spent
    assert al1_2024[3] == "naar rato"
    total_2024 = next(row for row in rows if row[0] == "2024" and row[1] == "Totaal 2024")
    assert total_2024[3] == ""  # a total has no basis of its own
    # Spending after the date is not counted.
    al3_2025 = next(row for row in rows if row[0] == "2025" and row[1].startswith("AL3 "))
    assert al3_2025[5] == "0,00"
    english = xlsx_rows(_export(in_english(staff_client), "analysis:budget_export", "xlsx", as_of="2025-06-30"))
    assert english[0][:3] == ["Year", "Action line", "Planned"]
    al3_2025 = next(row for row in english if row[0] == 2025 and row[1].startswith("AL3 "))
    assert al3_2025[5] == 2500.75


def test_a_budget_export_with_a_wrong_date_goes_back_to_the_page(staff_client):
    response = staff_client.get(reverse("analysis:budget_export", args=["csv"]), {"as_of": "2024-31-12"})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:budget") + "?as_of=2024-31-12"


# Advice -------------------------------------------------------------------------


@pytest.fixture
def advice(users):
    InterventionFactory()
    dashboard = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)
    answered = advice_record(
        by=users["dave"], dashboard=dashboard, kind=Advice.Kind.ASKED, subject="Meer evaluaties", text="Doe meer."
    )
    advice_respond(advice=answered, by=users["alice"], follow_up=Advice.FollowUp.TAKEN_UP, response="Gaan we doen.")
    advice_record(
        by=users["dave"], dashboard=dashboard, kind=Advice.Kind.UNASKED, subject="@Let op de wijken", text="+Wijken."
    )
    return dashboard


@pytest.mark.parametrize("who", ["staff_client", "board_client"])
def test_the_advice_export_takes_the_follow_up_filter(request, who, users, advice):
    client = request.getfixturevalue(who)
    rows = csv_rows(_export(client, "analysis:advice_export", "csv", follow_up="taken_up"))
    assert rows[0][:5] == ["Onderwerp", "Opvolging", "Soort advies", "Van", "Gegeven op"]
    assert [row[0] for row in rows[1:]] == ["Meer evaluaties"]
    assert rows[1][1] == "Overgenomen"
    assert rows[1][5] == "Dashboard eerste halfjaar 2024"
    alice = users["alice"]
    assert rows[1][9:11] == ["Gaan we doen.", alice.get_full_name() or alice.username]


def test_the_advice_export_in_english_defuses_formulas_and_leaves_open_answers_empty(staff_client, advice):
    rows = by_first_column(xlsx_rows(_export(in_english(staff_client), "analysis:advice_export", "xlsx")))
    assert list(rows) == ["'@Let op de wijken", "Meer evaluaties"]
    unanswered = rows["'@Let op de wijken"]
    assert unanswered[8] == "'+Wijken."
    assert unanswered[11] is None  # not answered: no date
    header = xlsx_rows(_export(in_english(staff_client), "analysis:advice_export", "xlsx"))[0]
    assert header[:2] == ["Subject", "Follow-up"]


# KPI measurements ---------------------------------------------------------------


@pytest.fixture
def measurements(users):
    alice = users["alice"]
    for code, day, value, note in (
        ("K04", D(2023, 11, 1), 1, "Klaar."),
        ("K10", D(2024, 5, 1), 0, "-Nog niet."),
        ("K10", D(2025, 6, 1), 1, ""),
    ):
        kpi = Kpi.objects.get(programme__code="agenda-2023-2025", code=code)
        kpi_measurement_save(measurement=KpiMeasurement(kpi=kpi, measured_on=day, value=value, note=note), by=alice)


def test_the_measurement_export_takes_the_action_line_filter_and_the_date(staff_client, measurements):
    rows = csv_rows(
        _export(staff_client, "analysis:kpi_measurement_export", "csv", action_line="AL3", as_of="2024-12-31")
    )
    assert rows[0][:5] == ["Actielijn", "Code", "KPI", "Peildatum", "Waarde"]
    assert [(row[1], row[3], row[4], row[6]) for row in rows[1:]] == [("K10", "01-05-2024", "0,00", "'-Nog niet.")]
    assert rows[1][9] == ""  # not withdrawn


def test_the_measurement_export_in_english_as_xlsx(staff_client, measurements):
    rows = xlsx_rows(_export(in_english(staff_client), "analysis:kpi_measurement_export", "xlsx", as_of="2025-06-30"))
    assert rows[0][:4] == ["Action line", "Code", "KPI", "As of"]
    assert [(row[1], row[3].date()) for row in rows[1:]] == [
        ("K04", D(2023, 11, 1)),
        ("K10", D(2024, 5, 1)),
        ("K10", D(2025, 6, 1)),
    ]
    assert rows[2][4] == 0 and rows[2][6] == "'-Nog niet."


# Query counts ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "name", ["analysis:expenditure_export", "analysis:advice_export", "analysis:kpi_measurement_export"]
)
def test_an_export_takes_the_same_number_of_queries_for_few_rows_or_many(staff_client, users, programme, name, fmt):
    url = reverse(name, args=[fmt])
    InterventionFactory()  # an empty dashboard is not published
    dashboard = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)
    kpis = list(Kpi.objects.filter(programme=programme, measure=Kpi.MANUAL))

    def add(n: int) -> None:
        _spend(programme, "AL1", "10", D(2024, 1, 1 + n), by=users["alice"], source=f"Factuur {n}")
        advice_record(by=users["dave"], dashboard=dashboard, kind=Advice.Kind.ASKED, subject=f"Advies {n}", text="x")
        kpi = kpis[n % len(kpis)]
        kpi_measurement_save(
            measurement=KpiMeasurement(kpi=kpi, measured_on=D(2024, 1, 1 + n), value=n), by=users["alice"]
        )

    add(0)
    one = queries_of(staff_client, url, {**PROGRAMME, "as_of": "2024-12-31"})
    for n in range(1, 6):
        add(n)
    assert queries_of(staff_client, url, {**PROGRAMME, "as_of": "2024-12-31"}) == one
