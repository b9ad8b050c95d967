"""Every figure is counted within one programme: the same data gives each programme its own, correct figures.

Each corrected KPI has a test here that would fail under the rule it replaced.
"""

import datetime
from decimal import Decimal

import pytest

from agenda.models import ActionLine, Activity, Event, Kpi, Programme
from agenda.reference import DEMO_PROGRAMME_FILE, PROGRAMME_FILES, load_programme
from analysis import kpis
from municipalities.models import LearningCommunityMembership, Municipality, Organisation
from tests.factories import (
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def both(programme) -> tuple[Programme, Programme]:
    """The programme 2023-2025 of the reference data and the multi-year plan 2025-2030 of the demo."""
    return programme, load_programme(DEMO_PROGRAMME_FILE)


def kpi(programme: Programme, code: str) -> Kpi:
    return Kpi.objects.select_related("programme").get(programme=programme, code=code)


def value(programme: Programme, code: str, day: datetime.date) -> Decimal | None:
    return kpis.evaluate(kpi(programme, code), day).value


def test_interventions_count_for_the_programme_in_whose_period_they_were_developed(both):
    first, second = both
    InterventionFactory(stage="developed", developed_on=D(2022, 5, 1))  # before either programme
    InterventionFactory(stage="developed", developed_on=D(2024, 3, 1))
    recent = InterventionFactory(stage="developed", developed_on=D(2026, 2, 1))
    assert value(first, "K05", D(2025, 6, 30)) == 1
    assert value(second, "K05", D(2026, 12, 31)) == 1
    [counted] = kpis.members(kpi(second, "K05"), D(2026, 12, 31))
    assert counted.pk == recent.pk


def test_k06_counts_only_evaluations_of_interventions_that_k05_counts(both):
    first, _second = both
    old = InterventionFactory(stage="evaluated", developed_on=D(2022, 5, 1))
    EvaluationFactory(intervention=old, completed_on=D(2024, 2, 1))  # the old rule counted this one
    new = InterventionFactory(stage="evaluated", developed_on=D(2023, 9, 1))
    EvaluationFactory(intervention=new, completed_on=D(2024, 4, 1))
    assert value(first, "K06", D(2024, 12, 31)) == 1
    assert [c.pk for c in kpis.members(kpi(first, "K06"), D(2024, 12, 31))] == [new.pk]


def test_an_evaluation_before_the_programme_counts_once_its_intervention_is_developed_within_it(both):
    first, _second = both
    intervention = InterventionFactory(stage="evaluated", developed_on=D(2023, 3, 1))
    EvaluationFactory(intervention=intervention, started_on=D(2022, 6, 1), completed_on=D(2022, 11, 1))
    assert value(first, "K06", D(2023, 2, 1)) == 0
    assert value(first, "K06", D(2023, 3, 1)) == 0  # completed before the programme started
    assert kpis.members(kpi(first, "K06"), D(2024, 1, 1)) == []


def test_by_2025_at_the_latest_means_the_last_day_of_2025(programme):
    k05, k06 = kpi(programme, "K05"), kpi(programme, "K06")
    assert k05.deadline == D(2025, 12, 31) and k06.deadline == D(2025, 12, 31)
    # 14 of 15 in July 2025: under the old deadline (30 June 2025) this was "behind".
    assert kpis.status_for(k05, Decimal(14), D(2025, 7, 15)) == kpis.Status.ON_TRACK


def test_k07_counts_the_programmes_partnerships_with_the_kinds_of_partner_the_plan_names(both):
    first, second = both
    knowledge = OrganisationFactory(kind=Organisation.Kind.KNOWLEDGE)
    ministry = OrganisationFactory(kind=Organisation.Kind.MINISTRY)
    school = OrganisationFactory(kind=Organisation.Kind.EDUCATION)
    only_institutions = PartnershipFactory(programme=first, started_on=D(2024, 1, 1))
    only_institutions.members.set([knowledge, ministry])  # the old rule counted any running partnership
    with_school = PartnershipFactory(programme=first, started_on=D(2024, 2, 1))
    with_school.members.set([knowledge, school])
    around_a_municipality = PartnershipFactory(programme=first, started_on=D(2024, 3, 1))
    around_a_municipality.municipalities.set([Municipality.objects.get(cbs_code="GM0599")])
    other_programme = PartnershipFactory(programme=second, started_on=D(2025, 9, 1))
    other_programme.members.set([school])
    assert value(first, "K07", D(2024, 12, 31)) == 2
    assert value(second, "K07", D(2025, 12, 31)) == 1
    reasons = {c.pk: c.reason for c in kpis.members(kpi(first, "K07"), D(2024, 12, 31))}
    assert set(reasons) == {with_school.pk, around_a_municipality.pk}
    assert str(Organisation.Kind.EDUCATION.label).lower() in reasons[with_school.pk]


def test_a_yearly_moment_is_not_behind_before_its_month_has_passed(programme):
    k01 = kpi(programme, "K01")
    assert k01.due_month == 11
    # Under the straight line, nothing by 30 June was "behind" in every first half-year.
    assert kpis.status_for(k01, Decimal(0), D(2024, 6, 30)) == kpis.Status.ON_TRACK
    assert kpis.status_for(k01, Decimal(0), D(2024, 11, 30)) == kpis.Status.ON_TRACK
    assert kpis.status_for(k01, Decimal(0), D(2024, 12, 1)) == kpis.Status.BEHIND
    assert kpis.status_for(k01, Decimal(1), D(2024, 3, 1)) == kpis.Status.ACHIEVED


def test_events_grants_and_dashboards_count_for_their_own_programme(both):
    first, second = both
    for programme, day in ((first, D(2024, 10, 10)), (second, D(2026, 10, 8))):
        conference = Activity.objects.get(action_line__programme=programme, kind=Activity.Kind.CONFERENCE)
        Event.objects.create(activity=conference, title=f"Conferentie {day.year}", held_on=day)
    assert value(first, "K01", D(2024, 12, 31)) == 1
    assert value(second, "K01", D(2026, 12, 31)) == 1
    assert value(first, "K01", D(2025, 6, 30)) == 0
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    LearningCommunityMembership.objects.create(municipality=rotterdam, joined_on=D(2023, 6, 1))
    GrantFactory(programme=second, municipality=rotterdam, awarded_on=D(2026, 2, 2), first_year=2026, last_year=2028)
    assert value(first, "K02", D(2025, 6, 30)) == 0  # the old rule counted a grant of any programme
    assert value(second, "K02", D(2026, 6, 30)) == 1


def test_a_per_year_count_starts_on_the_programmes_first_day(both):
    _first, second = both
    conference = Activity.objects.get(action_line__programme=second, kind=Activity.Kind.CONFERENCE)
    Event.objects.create(activity=conference, title="Te vroeg", held_on=D(2025, 3, 1))
    assert value(second, "K01", D(2025, 12, 31)) == 0


def test_the_reference_data_holds_one_programme_and_the_demo_adds_the_multi_year_plan(both):
    first, second = both
    assert [path.name for path in PROGRAMME_FILES] == ["programme_2023_2025.yaml"]
    assert (second.starts_on, second.ends_on) == (D(2025, 7, 1), D(2030, 12, 31))
    assert "(demo)" in second.name
    assert set(ActionLine.objects.filter(programme=second).values_list("code", flat=True)) == {
        "AL1",
        "AL2",
        "AL3",
        "AL4",
    }
