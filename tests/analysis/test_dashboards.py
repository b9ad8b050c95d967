"""The dashboard's data: which half-years can have one, what it freezes, and what changed between two."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import Expenditure, Kpi, KpiMeasurement
from analysis import dashboards
from analysis.comparison import Change, compare
from analysis.display.format import UNIT_EURO
from analysis.selectors.dashboards import earlier_published
from analysis.services.dashboards import dashboard_publish, dashboard_start_correction
from analysis.snapshots import freeze
from core.halves import half_year_bounds, last_ended_half_year
from tests.factories import DashboardFactory, EvaluationFactory, GrantFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def _kpi(response, code: str):
    return next(row for group in response.context["kpi_groups"] for row in group.rows if row.code == code)


def test_a_half_year_ends_on_30_june_or_31_december():
    assert half_year_bounds(2024, 1) == (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    assert half_year_bounds(2024, 2) == (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))


def test_figures_are_taken_at_the_end_of_the_half_year_or_today_if_that_is_earlier():
    assert dashboards.snapshot_date(2024, 1, today=datetime.date(2025, 1, 1)) == datetime.date(2024, 6, 30)
    assert dashboards.snapshot_date(2024, 2, today=datetime.date(2024, 9, 10)) == datetime.date(2024, 9, 10)


@pytest.mark.parametrize(
    ("year", "half", "words"),
    [
        (2031, 1, "nog niet begonnen"),
        (2022, 2, "vóór de start van het programma op 1 januari 2023"),
        (2025, 2, "na het einde van het programma op 30 juni 2025"),
    ],
)
def test_a_half_year_outside_the_programme_or_in_the_future_has_no_data(programme, year, half, words):
    problem = dashboards.half_year_problem(programme=programme, year=year, half=half, today=datetime.date(2026, 11, 25))
    assert words in problem


def test_a_half_year_inside_the_programme_can_have_a_dashboard(programme):
    assert dashboards.half_year_problem(programme=programme, year=2024, half=1, today=datetime.date(2026, 1, 1)) is None


def test_a_programme_in_which_nothing_happened_yet_has_no_figures(programme):
    data = dashboards.dashboard_data(DashboardFactory(year=2023, half=1))
    assert [k["value"] for k in data["kpis"] if k["value"] not in (None, Decimal(0))] == []
    assert not dashboards.has_figures(data)
    InterventionFactory(started_on=datetime.date(2023, 2, 1))
    assert dashboards.has_figures(dashboards.dashboard_data(DashboardFactory(year=2023, half=2)))


def test_the_dashboard_data_holds_the_staff_texts_and_the_period(programme):
    dashboard = DashboardFactory(year=2024, half=2, introduction="Inleiding", highlights="Een\nTwee")
    data = dashboards.dashboard_data(dashboard, today=datetime.date(2026, 1, 1))
    assert data["as_of"] == datetime.date(2024, 12, 31)
    assert data["dashboard"]["introduction"] == "Inleiding"
    assert data["dashboard"]["highlights"] == "Een\nTwee"
    assert data["dashboard"]["period_start"] == datetime.date(2024, 7, 1)
    assert data["dashboard"]["previous"] is None


def test_a_dashboard_is_compared_with_the_latest_version_of_the_nearest_earlier_published_half_year(users, programme):
    InterventionFactory()
    first = dashboard_publish(dashboard=DashboardFactory(year=2023, half=2), by=users["alice"])
    correction = dashboard_start_correction(dashboard=first, by=users["alice"], note="Tekst verbeterd.")
    correction = dashboard_publish(dashboard=correction, by=users["alice"])
    DashboardFactory(year=2024, half=1)  # a draft is never a previous dashboard
    later = DashboardFactory(year=2024, half=2)
    assert earlier_published(later) == correction
    assert earlier_published(first) is None


def test_a_change_says_in_words_how_a_figure_moved():
    up = Change("k", "K05", Decimal(2), Decimal(5))
    down = Change("k", "Uitgegeven", Decimal(3500), Decimal(1200), unit=UNIT_EURO)
    same = Change("k", "K07", Decimal(4), Decimal(4))
    new = Change("k", "K04", None, Decimal(1))
    assert (up.direction, up.arrow, up.signed, up.text) == ("up", "▲", "+3", "gestegen met 3")
    assert (down.direction, down.arrow, down.signed, down.text) == (
        "down",
        "▼",
        "−€\u00a02.300",
        "gedaald met €\u00a02.300",
    )
    assert (same.direction, same.text) == ("same", "gelijk gebleven")
    assert (new.direction, new.text) == ("none", "eerder geen gegevens")
    with translation.override("en"):
        assert up.text == "risen by 3"
        assert down.text == "fallen by €\u00a02,300"


def test_comparing_two_snapshots_gives_the_change_of_every_figure(programme):
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 2, 1))
    before, _ = freeze(dashboards.dashboard_data(DashboardFactory(year=2024, half=1)))
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 9, 1))
    EvaluationFactory(completed_on=datetime.date(2024, 10, 1))
    GrantFactory(awarded_on=datetime.date(2024, 8, 1), amount=Decimal("300000"))
    after, _ = freeze(dashboards.dashboard_data(DashboardFactory(year=2024, half=2)))
    comparison = compare(before, after)
    assert [s.key for s in comparison.sections] == ["kpis", "budget", "municipalities", "portfolio", "collaboration"]
    k05 = comparison.get("kpi:K05")
    assert (k05.before, k05.after, k05.text) == (Decimal(1), Decimal(4), "gestegen met 3")
    assert comparison.get("portfolio:total").delta == 4  # three developed and the evaluated one
    assert comparison.get("municipalities:with_grant").text == "gestegen met 1"
    assert comparison.get("budget:total:committed").delta == Decimal("300000.00")
    assert comparison.get("portfolio:evaluations:completed").text == "gestegen met 1"


def test_a_published_dashboard_keeps_its_figures_when_the_data_changes(client, users, programme):
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 2, 1))
    published = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"])
    frozen, digest = copy.deepcopy(published.snapshot), published.content_hash
    url = reverse("analysis:dashboard_detail", args=[published.pk])
    client.force_login(users["dave"])
    page = client.get(url)
    assert _kpi(page, "K05").value == 1
    budget_before = [(row.label, row.spent) for row in page.context["budget_rows"]]
    portfolio_before = page.context["portfolio"].total.value

    # The data changes: interventions, a manual KPI measurement, money spent, all within the half-year.
    InterventionFactory.create_batch(2, stage="developed", developed_on=datetime.date(2024, 3, 1))
    KpiMeasurement.objects.create(
        kpi=Kpi.objects.get(programme=programme, code="K04"), measured_on=datetime.date(2024, 5, 1), value=1
    )
    Expenditure.objects.create(
        programme=programme, amount=Decimal("25000"), date=datetime.date(2024, 4, 1), source="Factuur"
    )

    published.refresh_from_db()
    assert published.snapshot == frozen
    assert published.content_hash == digest
    assert dashboards.hash_matches(published)
    page = client.get(url)
    assert _kpi(page, "K05").value == 1
    assert _kpi(page, "K04").value is None
    assert [(row.label, row.spent) for row in page.context["budget_rows"]] == budget_before
    assert page.context["portfolio"].total.value == portfolio_before
    assert page.context["hash_matches"] is True

    # The preview of a new draft (a correction) shows the data as it is now.
    correction = dashboard_start_correction(dashboard=published, by=users["alice"], note="Nieuwe gegevens.")
    client.force_login(users["alice"])
    preview = client.get(reverse("analysis:dashboard_detail", args=[correction.pk]))
    assert _kpi(preview, "K05").value == 3
    assert _kpi(preview, "K04").value == 1
    assert preview.context["portfolio"].total.value == portfolio_before + 2


def test_a_tampered_snapshot_no_longer_matches_its_hash(users, programme):
    InterventionFactory()
    published = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"])
    published.snapshot["kpis"][0]["value"] = "99"
    assert not dashboards.hash_matches(published)


def test_the_snapshot_records_the_publication_as_of_the_half_year_end(users, programme):
    InterventionFactory()
    at = timezone.make_aware(datetime.datetime(2024, 9, 17, 10))
    published = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], at=at)
    assert published.snapshot["as_of"] == "2024-06-30"
    assert published.published_at == at


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 6, 30), (2025, 1)),
        (datetime.date(2024, 9, 10), (2024, 1)),
        (datetime.date(2024, 12, 31), (2024, 2)),
        (datetime.date(2024, 3, 1), (2023, 2)),
    ],
)
def test_the_form_suggests_the_latest_half_year_that_has_ended(day, expected):
    assert last_ended_half_year(day) == expected
