"""K08 counts civil-society organisations from the first day they took part, kept in a table
(analysis/kpis/taking_part.py). Every change to what that day is made of rebuilds it in the same transaction:
the table holds what the four tables say, after each kind of change, and a change that is rolled back leaves
it as it was."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from agenda.models import Activity
from analysis.kpis.measures import MEASURES
from analysis.kpis.taking_part import first_days_by_organisation, kept_first_days, rebuild
from analysis.models import CivilSocietyFirstDay
from municipalities.models import ActivityParticipation, Organisation
from tests.factories import InterventionFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def kept_as_computed(programme) -> dict:
    kept = kept_first_days(programme)
    assert kept == first_days_by_organisation(programme)
    return kept


def test_each_way_of_taking_part_moves_the_first_day_and_the_table_follows(programme):
    activity = Activity.objects.filter(action_line__programme=programme).first()
    other_owner = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    org = OrganisationFactory(name="Buurtvereniging De Linde")
    assert org.pk not in kept_as_computed(programme)

    participation = ActivityParticipation.objects.create(organisation=org, activity=activity, joined_on=D(2024, 5, 1))
    assert kept_as_computed(programme)[org.pk] == D(2024, 5, 1)

    participation.joined_on = D(2024, 2, 1)
    participation.save()
    assert kept_as_computed(programme)[org.pk] == D(2024, 2, 1)

    partnership = PartnershipFactory(programme=programme, started_on=D(2023, 6, 1))
    partnership.members.add(org)
    assert kept_as_computed(programme)[org.pk] == D(2023, 6, 1)

    owned = InterventionFactory(owner=org, started_on=D(2022, 1, 1))
    assert kept_as_computed(programme)[org.pk] == D(2022, 1, 1)  # also before the programme, as the drill-down

    partnered = InterventionFactory(owner=other_owner, started_on=D(2021, 1, 1))
    partnered.partners.add(org)
    assert kept_as_computed(programme)[org.pk] == D(2021, 1, 1)
    partnered.partners.remove(org)
    assert kept_as_computed(programme)[org.pk] == D(2022, 1, 1)
    partnered.partners.add(org)
    partnered.partners.clear()
    assert kept_as_computed(programme)[org.pk] == D(2022, 1, 1)

    owned.owner = other_owner
    owned.save()
    assert kept_as_computed(programme)[org.pk] == D(2023, 6, 1)
    owned.delete()
    partnership.started_on = D(2025, 1, 1)
    partnership.save()
    assert kept_as_computed(programme)[org.pk] == D(2024, 2, 1)
    partnership.delete()
    participation.delete()
    assert org.pk not in kept_as_computed(programme)

    ActivityParticipation.objects.create(organisation=org, activity=activity, joined_on=D(2024, 9, 1))
    org.kind = Organisation.Kind.MUNICIPALITY  # no longer civil society: not counted
    org.save()
    assert org.pk not in kept_as_computed(programme)


def test_a_change_rolled_back_leaves_the_table_as_it_was(programme):
    activity = Activity.objects.filter(action_line__programme=programme).first()
    org = OrganisationFactory()
    before = kept_as_computed(programme)

    with pytest.raises(RuntimeError), transaction.atomic():
        ActivityParticipation.objects.create(organisation=org, activity=activity, joined_on=D(2024, 5, 1))
        assert kept_first_days(programme)[org.pk] == D(2024, 5, 1)
        raise RuntimeError("afgebroken")

    assert kept_as_computed(programme) == before


def test_a_rebuild_gives_the_same_table_and_the_kpi_counts_its_rows(programme):
    activity = Activity.objects.filter(action_line__programme=programme).first()
    days = [D(2023, 3, 1), D(2023, 3, 1), D(2024, 1, 15), D(2024, 7, 1), D(2025, 6, 30)]
    for number, day in enumerate(days):
        org = OrganisationFactory(name=f"Stichting {number}")
        ActivityParticipation.objects.create(organisation=org, activity=activity, joined_on=day)
    kept = kept_as_computed(programme)
    CivilSocietyFirstDay.objects.all().delete()

    rebuild()

    assert kept_as_computed(programme) == kept
    dates = [D(2023, 2, 28), D(2023, 3, 1), D(2024, 6, 30), D(2025, 6, 30), D(2026, 1, 1)]
    values = MEASURES["civil_society_organisations"].values(programme, dates, False)
    assert values == {day: Decimal(sum(first <= day for first in kept.values())) for day in dates}
    assert values[D(2023, 3, 1)] - values[D(2023, 2, 28)] >= 2  # the two that started that day
