"""KPI figures computed from the data, checked against counts made by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from agenda.models import Activity, Event, Kpi, KpiMeasurement, Programme
from analysis import kpis
from analysis.models import AnnualAnalysis, Dashboard
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


def kpi(code: str) -> Kpi:
    return Kpi.objects.select_related("programme").get(code=code)


def test_developed_interventions_count_from_the_day_they_were_developed():
    InterventionFactory(stage="developed", developed_on=D(2024, 3, 1))
    InterventionFactory(stage="evaluated", developed_on=D(2024, 9, 1))
    InterventionFactory(stage="in_development")
    result = kpis.evaluate(kpi("K05"), D(2024, 6, 30))
    assert result.value == 1
    assert kpis.evaluate(kpi("K05"), D(2024, 12, 31)).value == 2
    assert [c.label for c in kpis.members(kpi("K05"), D(2024, 12, 31))] == sorted(
        c.label for c in kpis.members(kpi("K05"), D(2024, 12, 31))
    )


def test_an_intervention_counts_once_however_many_evaluations_it_has():
    intervention = InterventionFactory(stage="evaluated", developed_on=D(2023, 6, 1))
    EvaluationFactory(intervention=intervention, completed_on=D(2024, 2, 1))
    EvaluationFactory(intervention=intervention, completed_on=D(2024, 5, 1))
    EvaluationFactory(status="running", completed_on=None)
    assert kpis.evaluate(kpi("K06"), D(2024, 12, 31)).value == 1
    assert kpis.evaluate(kpi("K06"), D(2024, 1, 31)).value == 0
    assert len(kpis.members(kpi("K06"), D(2024, 12, 31))) == 1


def test_learning_community_counts_grant_municipalities_while_they_are_members():
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    GrantFactory(municipality=rotterdam, awarded_on=D(2023, 4, 1))
    GrantFactory(municipality=utrecht, awarded_on=D(2023, 4, 1))
    LearningCommunityMembership.objects.create(municipality=rotterdam, joined_on=D(2023, 6, 1))
    LearningCommunityMembership.objects.create(municipality=utrecht, joined_on=D(2023, 6, 1), left_on=D(2024, 1, 1))
    # A member without a grant does not count.
    LearningCommunityMembership.objects.create(
        municipality=Municipality.objects.get(cbs_code="GM0014"), joined_on=D(2023, 6, 1)
    )
    assert kpis.evaluate(kpi("K02"), D(2023, 12, 31)).value == 2
    assert kpis.evaluate(kpi("K02"), D(2024, 6, 30)).value == 1


def test_partnerships_count_from_the_day_they_start_also_once_ended():
    # The plan's target is that five partnerships come about: one that has done its work still came about.
    school = OrganisationFactory(kind=Organisation.Kind.EDUCATION)
    ended = PartnershipFactory(name="A", started_on=D(2023, 1, 1), ended_on=D(2023, 12, 31))
    running = PartnershipFactory(name="B", started_on=D(2024, 1, 1))
    for partnership in (ended, running):
        partnership.members.add(school)
    assert kpis.evaluate(kpi("K07"), D(2023, 6, 1)).value == 1
    assert kpis.evaluate(kpi("K07"), D(2024, 6, 1)).value == 2
    assert kpis.evaluate(kpi("K07"), D(2022, 6, 1)).value is None  # before the programme


def test_civil_society_organisations_count_by_any_way_of_taking_part():
    a, b, c = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    OrganisationFactory(kind=Organisation.Kind.KNOWLEDGE)  # not civil society
    activity = Activity.objects.filter(kind=Activity.Kind.CONFERENCE).first()
    a.activityparticipation_set.create(activity=activity, joined_on=D(2023, 5, 1))
    partnership = PartnershipFactory(name="P", started_on=D(2024, 1, 1))
    partnership.members.add(b, a)
    InterventionFactory(owner=c, started_on=D(2024, 6, 1))
    assert kpis.evaluate(kpi("K08"), D(2023, 12, 31)).value == 1
    assert kpis.evaluate(kpi("K08"), D(2024, 12, 31)).value == 3
    reasons = {m.label: m.reason for m in kpis.members(kpi("K08"), D(2024, 12, 31))}
    assert "activiteit" in reasons[a.name] and "samenwerkingsverband" in reasons[a.name]


def test_per_year_kpis_count_within_the_year():
    conference = Activity.objects.get(kind=Activity.Kind.CONFERENCE)
    Event.objects.create(activity=conference, title="2023", held_on=D(2023, 10, 1))
    Event.objects.create(activity=conference, title="2024", held_on=D(2024, 10, 1))
    assert kpis.evaluate(kpi("K01"), D(2024, 6, 30)).value == 0
    assert kpis.evaluate(kpi("K01"), D(2024, 12, 31)).value == 1
    assert kpis.evaluate(kpi("K01"), D(2024, 12, 31)).status == kpis.Status.ACHIEVED


def published_dashboards(day: datetime.date) -> Decimal:
    """The value of the dashboards_published measure (K09's rule until board meetings were recorded)."""
    programme = Programme.objects.get(code="agenda-2023-2025")
    return kpis.MEASURES["dashboards_published"].values(programme, [day], True)[day]


def test_published_dashboards_count_first_versions_not_corrections(programme):
    published = timezone.make_aware(datetime.datetime(2024, 7, 15, 12))
    first = Dashboard.objects.create(
        programme=programme,
        year=2024,
        half=1,
        status="published",
        snapshot={},
        content_hash="x",
        published_at=published,
    )
    Dashboard.objects.create(
        programme=programme,
        year=2024,
        half=1,
        version=2,
        status="published",
        snapshot={},
        content_hash="y",
        published_at=published,
        correction_of=first,
        correction_note="Fout hersteld.",
    )
    Dashboard.objects.create(programme=programme, year=2024, half=2)  # draft
    assert published_dashboards(D(2024, 12, 31)) == 1


def test_a_published_dashboard_is_listed_with_the_dutch_day_it_was_published(programme):
    # Half past midnight in Amsterdam is still the day before in UTC.
    published = timezone.make_aware(datetime.datetime(2024, 7, 1, 0, 30))
    Dashboard.objects.create(
        programme=programme,
        year=2024,
        half=1,
        status="published",
        snapshot={},
        content_hash="x",
        published_at=published,
    )
    [counted] = kpis.MEASURES["dashboards_published"].members(programme, D(2024, 7, 1), True)
    assert date_format(D(2024, 7, 1), "j F Y") in counted.reason


def test_analyses_count_once_per_year_however_many_versions(programme):
    when = timezone.make_aware(datetime.datetime(2024, 3, 1, 12))
    for version in (1, 2):
        AnnualAnalysis.objects.create(
            programme=programme, year=2023, version=version, status="done", pdf="x.pdf", published_at=when
        )
    assert kpis.evaluate(kpi("K11"), D(2024, 12, 31)).value == 1


def manual_per_year_kpi() -> Kpi:
    """K04 (a manual milestone) counted per year, as a manual per-year KPI is: the programme has none left."""
    k = kpi("K04")
    k.period, k.unit = Kpi.Period.PER_YEAR, Kpi.Unit.COUNT
    k.save()
    return k


def test_a_manual_kpi_without_measurements_has_no_data_rather_than_zero():
    result = kpis.evaluate(manual_per_year_kpi(), D(2024, 6, 30))
    assert result.value is None
    assert result.status == kpis.Status.NO_DATA


def test_a_manual_kpi_takes_the_latest_measurement_in_its_year():
    k = manual_per_year_kpi()
    KpiMeasurement.objects.create(kpi=k, measured_on=D(2023, 11, 1), value=1)
    KpiMeasurement.objects.create(kpi=k, measured_on=D(2024, 3, 1), value=0)
    KpiMeasurement.objects.create(kpi=k, measured_on=D(2024, 9, 1), value=1)
    assert kpis.evaluate(k, D(2024, 6, 30)).value == 0
    assert kpis.evaluate(k, D(2024, 12, 31)).value == 1


def test_an_unknown_measure_is_a_marked_gap_not_a_crash():
    k = kpi("K05")
    k.measure = "does_not_exist"
    result = kpis.evaluate(k, D(2024, 6, 30))
    assert result.value is None
    assert result.status == kpis.Status.NO_DATA
    assert "does_not_exist" in result.error


@pytest.mark.parametrize(
    ("value", "as_of", "status"),
    [
        (15, D(2024, 1, 1), kpis.Status.ACHIEVED),
        (9, D(2024, 3, 31), kpis.Status.ON_TRACK),  # expected ~0.55, progress 0.6
        (6, D(2024, 3, 31), kpis.Status.AT_RISK),  # progress 0.4 >= 0.6 * 0.55
        (3, D(2024, 3, 31), kpis.Status.BEHIND),
        (14, D(2025, 7, 1), kpis.Status.BEHIND),  # deadline passed
    ],
)
def test_status_compares_progress_with_the_straight_line(value, as_of, status):
    # K02: 15 municipalities by the programme's last day, 30 June 2025.
    assert kpis.status_for(kpi("K02"), Decimal(value), as_of) == status


def test_half_year_ends_run_from_the_start_to_the_date():
    assert kpis.half_year_ends(D(2023, 1, 1), D(2024, 8, 1)) == [
        D(2023, 6, 30),
        D(2023, 12, 31),
        D(2024, 6, 30),
        D(2024, 8, 1),
    ]
    assert kpis.half_year_ends(D(2023, 1, 1), D(2023, 12, 31)) == [D(2023, 6, 30), D(2023, 12, 31)]


def test_all_kpis_with_trends_take_a_bounded_number_of_queries(programme, django_assert_max_num_queries):
    for n in range(5):
        InterventionFactory(stage="developed", developed_on=D(2024, 1, 1 + n))
    with django_assert_max_num_queries(12):
        results = kpis.programme_results(programme, D(2025, 6, 30))
    assert len(results) == 12
    assert all(len(r.trend) == 5 for r in results)


def test_the_counts_made_in_the_database_agree_with_the_drill_down_on_every_day():
    # The measures over the tables that grow with the programme count in the database (one row per day
    # comes back); the drill-down lists the objects one by one. Both must say the same, per year too.
    programme = Programme.objects.get(code="agenda-2023-2025")
    school = OrganisationFactory(kind=Organisation.Kind.EDUCATION)
    for year, month in [(2023, 3), (2023, 11), (2024, 2), (2024, 8), (2025, 1)]:
        intervention = InterventionFactory(
            stage="evaluated", developed_on=D(year, month, 1), started_on=D(year, month, 1), owner=OrganisationFactory()
        )
        # Two evaluations, one in the next year: the intervention counts once a year it has one.
        EvaluationFactory(intervention=intervention, started_on=D(year, month, 2), completed_on=D(year, month, 15))
        EvaluationFactory(intervention=intervention, started_on=D(year, month, 2), completed_on=D(year + 1, 1, 10))
        partnership = PartnershipFactory(name=f"P{year}{month}", started_on=D(year, month, 20))
        partnership.members.add(school, OrganisationFactory())
    days = [D(2023, 2, 1), D(2023, 6, 30), D(2023, 12, 31), D(2024, 1, 31), D(2024, 6, 30), D(2024, 12, 31)]
    for code in ("interventions_developed", "interventions_evaluated", "named_partnerships"):
        measure = kpis.MEASURES[code]
        for per_year in (False, True):
            values = measure.values(programme, days, per_year)
            counted = {day: len(measure.members(programme, day, per_year)) for day in days}
            assert values == {day: Decimal(counted[day]) for day in days}, (code, per_year)
    # Not a flat series: the per-year count drops at the turn of the year.
    evaluated = kpis.MEASURES["interventions_evaluated"].values(programme, days, True)
    assert evaluated[D(2023, 12, 31)] == 2 and evaluated[D(2024, 1, 31)] == 2 and evaluated[D(2024, 6, 30)] == 3
    civil = kpis.MEASURES["civil_society_organisations"]
    civil_values = civil.values(programme, days, False)
    assert civil_values == {day: Decimal(len(civil.members(programme, day, False))) for day in days}
    # By the end of 2024: four owners of a running intervention and four partners in a partnership.
    assert civil_values[D(2023, 2, 1)] == 0 and civil_values[D(2024, 12, 31)] == 8


@pytest.mark.parametrize("language", ["nl", "en"])
def test_days_in_the_drill_down_read_as_django_formats_them(language):
    from django.utils import translation

    from analysis.kpis.counting import format_day

    with translation.override(language):
        for offset in range(0, 366, 5):
            day = D(2024, 1, 1) + datetime.timedelta(days=offset)
            assert format_day(day) == date_format(day, "j F Y")
    assert format_day(None) == "-"
