"""The demo records what K03, K09 and K12 count, so those KPIs have believable values for 2023-2025."""

import datetime

import pytest

from agenda.models import Activity, BoardMembership, Event, Kpi, PolicyThemeInventory, ResearchResult
from analysis import kpis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "values"),
    [
        ("K03", {2023: 1, 2024: 2, 2025: 1}),  # research results shared
        ("K09", {2023: 2, 2024: 2, 2025: 2}),  # board consultations: results presented, advice asked
        ("K12", {2023: 1, 2024: 1, 2025: 1}),  # policy-theme inventories
    ],
)
def test_the_demo_kpis_count_the_recorded_items_per_year(demo, programme, code, values):
    kpi = Kpi.objects.get(programme=programme, code=code)
    assert {year: kpis.evaluate(kpi, datetime.date(year, 12, 31)).value for year in values} == values


def test_the_demo_board_meetings_include_some_that_did_not_ask_advice(demo):
    meetings = Event.objects.filter(activity__kind=Activity.Kind.ADVISORY_BOARD)
    assert meetings.filter(advice_asked=False).count() == 2
    assert meetings.exclude(dashboards_presented=None).count() == 3


def test_every_demo_record_is_marked_and_has_a_history(demo):
    for model, label in ((ResearchResult, "title"), (Event, "title"), (BoardMembership, "person")):
        assert all("(demo)" in getattr(obj, label) for obj in model.objects.all()), model
    for model in (ResearchResult, PolicyThemeInventory, BoardMembership):
        assert model.history.count() == model.objects.count() > 0
    assert set(BoardMembership.objects.values_list("constituency", flat=True)) == set(BoardMembership.Constituency)
