"""The demo records what K03, K09 and K12 count, so those KPIs have believable values for 2023-2025."""

import datetime

import pytest

from agenda.models import Activity, BoardMembership, Event, Kpi, PolicyThemeInventory, Programme, ResearchResult
from analysis import kpis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "values"),
    [
        ("K03", {2023: 1, 2024: 2, 2025: 1}),  # research results shared
        # Board consultations: results presented, advice asked. The programme ended on 30 June 2025;
        # the meeting of September 2025 belongs to the multi-year plan.
        ("K09", {2023: 2, 2024: 2, 2025: 1}),
        ("K12", {2023: 1, 2024: 1, 2025: 1}),  # policy-theme inventories
    ],
)
def test_the_demo_kpis_count_the_recorded_items_per_year(demo, programme, code, values):
    kpi = Kpi.objects.get(programme=programme, code=code)
    assert {year: kpis.evaluate(kpi, datetime.date(year, 12, 31)).value for year in values} == values


def test_the_demo_board_meetings_include_some_that_did_not_ask_advice(demo):
    meetings = Event.objects.filter(activity__kind=Activity.Kind.ADVISORY_BOARD)
    assert meetings.filter(advice_asked=False).count() == 2
    assert meetings.exclude(dashboards_presented=None).count() == 5


def test_the_multi_year_plan_has_its_own_records_in_the_demo(demo):
    plan = Programme.objects.get(code="meerjarenplan-2025-2030")
    values = {
        code: kpis.evaluate(Kpi.objects.get(programme=plan, code=code), datetime.date(2026, 11, 30)).value
        for code in ("K01", "K03", "K09", "K12")
    }
    # The conference of October 2026, the research shared then, two consultations, and no inventory yet
    # (it is due in December, so K12 is not behind in November).
    assert values == {"K01": 1, "K03": 1, "K09": 2, "K12": 0}
    k12 = Kpi.objects.get(programme=plan, code="K12")
    assert kpis.evaluate(k12, datetime.date(2026, 11, 30)).status == kpis.Status.ON_TRACK


def test_every_demo_record_is_marked_and_has_a_history(demo):
    for model, label in ((ResearchResult, "title"), (Event, "title"), (BoardMembership, "person")):
        assert all("(demo)" in getattr(obj, label) for obj in model.objects.all()), model
    for model in (ResearchResult, PolicyThemeInventory, BoardMembership):
        assert model.history.count() == model.objects.count() > 0
    assert set(BoardMembership.objects.values_list("constituency", flat=True)) == set(BoardMembership.Constituency)
