"""K03, K09 and K12 count what staff record: research results shared, board consultations, policy inventories.

Each test would fail under the old rule: K03 and K12 were typed in by hand (no
measurement, no value), and K09 counted published dashboards, whether or not the
board met about them and was asked for advice.
"""

import datetime

import pytest
from django.utils import timezone

from agenda.models import Activity, Event, Kpi, PolicyThemeInventory, ResearchResult
from analysis import kpis
from analysis.models import Dashboard

pytestmark = pytest.mark.django_db

D = datetime.date


def kpi(code: str) -> Kpi:
    return Kpi.objects.select_related("programme").get(code=code)


def research(programme, title: str, shared_on: datetime.date) -> ResearchResult:
    return ResearchResult.objects.create(
        programme=programme, title=title, source="NWA Crafting Resilience", year=shared_on.year, shared_on=shared_on
    )


def meeting(kind: str, held_on: datetime.date, *, advice_asked: bool, results: str = "") -> Event:
    activity = Activity.objects.filter(kind=kind).first()
    return Event.objects.create(
        activity=activity,
        title=f"{kind} {held_on}",
        held_on=held_on,
        advice_asked=advice_asked,
        results_presented=results,
    )


def dashboard(programme, half: int, *, published: bool) -> Dashboard:
    if not published:
        return Dashboard.objects.create(programme=programme, year=2024, half=half)
    return Dashboard.objects.create(
        programme=programme,
        year=2024,
        half=half,
        status="published",
        snapshot={},
        content_hash="x",
        published_at=timezone.make_aware(datetime.datetime(2024, 9, 17, 10)),
    )


def test_k03_counts_the_research_results_shared_in_the_year(programme):
    assert kpi("K03").measure == "research_results_shared"
    first = research(programme, "Veerkracht in de wijk", D(2024, 3, 12))
    second = research(programme, "Vertrouwen en polarisatie", D(2024, 11, 5))
    research(programme, "Eerste bevindingen", D(2023, 11, 20))  # another year

    assert kpis.evaluate(kpi("K03"), D(2024, 6, 30)).value == 1
    assert kpis.evaluate(kpi("K03"), D(2024, 12, 31)).value == 2
    assert kpis.evaluate(kpi("K03"), D(2024, 12, 31)).status == kpis.Status.ACHIEVED
    counted = kpis.members(kpi("K03"), D(2024, 12, 31))
    assert [(c.kind, c.pk) for c in counted] == [("research_result", first.pk), ("research_result", second.pk)]


def test_k12_counts_the_policy_inventories_completed_in_the_year(programme):
    assert kpi("K12").measure == "policy_inventories"
    inventory = PolicyThemeInventory.objects.create(
        programme=programme, year=2024, held_on=D(2024, 12, 13), themes="Onderwijs\nWonen\n\nVeiligheid"
    )
    PolicyThemeInventory.objects.create(programme=programme, year=2023, held_on=D(2023, 12, 15), themes="Werk")

    assert kpis.evaluate(kpi("K12"), D(2024, 12, 12)).value == 0
    assert kpis.evaluate(kpi("K12"), D(2024, 12, 31)).value == 1
    [counted] = kpis.members(kpi("K12"), D(2024, 12, 31))
    assert (counted.kind, counted.pk) == ("policy_inventory", inventory.pk)
    assert "3" in counted.reason  # three themes, the empty line is none


def test_k09_counts_board_meetings_where_results_were_presented_and_advice_asked(programme):
    assert kpi("K09").measure == "board_consultations"
    board = Activity.Kind.ADVISORY_BOARD
    in_words = meeting(board, D(2024, 3, 5), advice_asked=True, results="Eerste resultaten NWA-onderzoek")
    with_dashboard = meeting(board, D(2024, 9, 24), advice_asked=True)
    published = dashboard(programme, 1, published=True)
    published.presented_at.add(with_dashboard)
    # Not consultations: informed without being asked for advice; asked without anything presented;
    # only a draft dashboard shown; and a conference where advice was asked.
    meeting(board, D(2024, 5, 14), advice_asked=False, results="Voortgang")
    meeting(board, D(2024, 6, 11), advice_asked=True)
    draft_only = meeting(board, D(2024, 10, 8), advice_asked=True)
    dashboard(programme, 2, published=False).presented_at.add(draft_only)
    meeting(Activity.Kind.CONFERENCE, D(2024, 10, 10), advice_asked=True, results="Resultaten")

    assert kpis.evaluate(kpi("K09"), D(2024, 6, 30)).value == 1
    assert kpis.evaluate(kpi("K09"), D(2024, 12, 31)).value == 2
    counted = kpis.members(kpi("K09"), D(2024, 12, 31))
    assert [(c.kind, c.pk) for c in counted] == [("event", in_words.pk), ("event", with_dashboard.pk)]
    assert "2024-H1" in counted[1].reason


def test_k09_no_longer_counts_a_published_dashboard_the_board_never_met_about(programme):
    dashboard(programme, 1, published=True)
    assert kpis.evaluate(kpi("K09"), D(2024, 12, 31)).value == 0
    assert kpis.members(kpi("K09"), D(2024, 12, 31)) == []


def test_a_meeting_with_two_dashboards_counts_once(programme):
    consultation = meeting(Activity.Kind.ADVISORY_BOARD, D(2024, 9, 24), advice_asked=True, results="Cijfers")
    for half in (1, 2):
        dashboard(programme, half, published=True).presented_at.add(consultation)
    assert kpis.evaluate(kpi("K09"), D(2024, 12, 31)).value == 1


@pytest.mark.parametrize("code", ["K03", "K09", "K12"])
def test_each_record_measure_is_one_query_for_all_dates(code, django_assert_num_queries):
    counted = kpi(code)
    measure = kpis.MEASURES[counted.measure]
    dates = [D(2023, 6, 30), D(2023, 12, 31), D(2024, 6, 30), D(2024, 12, 31), D(2025, 6, 30)]
    with django_assert_num_queries(1):
        measure.values(counted.programme, dates, True)
