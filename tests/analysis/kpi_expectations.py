"""Every KPI of the programme counted by hand, with plain ORM filters and Python sets.

Nothing here calls analysis.kpis: these are the independent numbers the pages, the
API, the drill-down and the export must agree with.
"""

import datetime

from django.utils import timezone

from agenda.models import Activity, Event, KpiMeasurement, PolicyThemeInventory, Programme, ResearchResult
from analysis.models import AnnualAnalysis, Dashboard
from interventions.models import Evaluation, Intervention
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Organisation,
    Partnership,
)

PER_YEAR = {"K01", "K03", "K09", "K11", "K12"}
MANUAL = {"K04", "K10"}
MILESTONES = {"K04", "K10"}
NAMED_KINDS = {"education", "community", "municipality", "civil_society"}


def _programme(programme: Programme | None) -> Programme:
    return programme or Programme.objects.get(code="agenda-2023-2025")


def _start(code: str, as_of: datetime.date, programme: Programme) -> datetime.date:
    if code in PER_YEAR:
        return max(datetime.date(as_of.year, 1, 1), programme.starts_on)
    return programme.starts_on


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def counted_ids(code: str, as_of: datetime.date, programme: Programme | None = None) -> set[int]:
    """The primary keys of what a computed KPI of the programme (2023-2025 unless given) counts on a date."""
    programme = _programme(programme)
    start = _start(code, as_of, programme)
    if code == "K01":
        events = Event.objects.filter(
            activity__kind=Activity.Kind.CONFERENCE, activity__action_line__programme=programme
        )
        return {e.pk for e in events if start <= e.held_on <= as_of}
    if code == "K02":
        granted = {g.municipality_id for g in Grant.objects.filter(programme=programme) if g.awarded_on <= as_of}
        members = {
            m.municipality_id
            for m in LearningCommunityMembership.objects.all()
            if m.joined_on <= as_of and (m.left_on is None or m.left_on > as_of)
        }
        return granted & members
    if code == "K05":
        return {i.pk for i in Intervention.objects.all() if i.developed_on and start <= i.developed_on <= as_of}
    if code == "K06":
        developed = counted_ids("K05", as_of, programme)
        return {
            e.intervention_id
            for e in Evaluation.objects.filter(status=Evaluation.Status.COMPLETED).select_related("intervention")
            if e.intervention_id in developed
            and programme.starts_on <= e.completed_on
            and start <= max(e.completed_on, e.intervention.developed_on) <= as_of
        }
    if code == "K07":
        return {
            p.pk
            for p in Partnership.objects.filter(programme=programme).prefetch_related("members", "municipalities")
            if start <= p.started_on <= as_of
            and ({o.kind for o in p.members.all()} & NAMED_KINDS or p.municipalities.all())
        }
    if code == "K08":
        taking_part = {
            a.organisation_id
            for a in ActivityParticipation.objects.filter(activity__action_line__programme=programme)
            if a.joined_on <= as_of
        }
        for partnership in Partnership.objects.filter(programme=programme).prefetch_related("members"):
            if partnership.started_on <= as_of:
                taking_part |= {o.pk for o in partnership.members.all()}
        for intervention in Intervention.objects.prefetch_related("partners"):
            if intervention.started_on <= as_of:
                taking_part |= {intervention.owner_id, *(o.pk for o in intervention.partners.all())}
        civil = set(Organisation.objects.filter(kind=Organisation.Kind.CIVIL_SOCIETY).values_list("pk", flat=True))
        return taking_part & civil
    if code == "K03":
        return {r.pk for r in ResearchResult.objects.filter(programme=programme) if start <= r.shared_on <= as_of}
    if code == "K09":
        # Board meetings at which advice was asked about results presented in words or as a published dashboard.
        meetings = Event.objects.filter(
            activity__kind=Activity.Kind.ADVISORY_BOARD, activity__action_line__programme=programme, advice_asked=True
        )
        return {
            e.pk
            for e in meetings.prefetch_related("dashboards_presented")
            if start <= e.held_on <= as_of
            and (
                e.results_presented.strip()
                or any(d.status == Dashboard.Status.PUBLISHED for d in e.dashboards_presented.all())
            )
        }
    if code == "K12":
        return {i.pk for i in PolicyThemeInventory.objects.filter(programme=programme) if start <= i.held_on <= as_of}
    if code == "K11":
        return {
            a.year
            for a in AnnualAnalysis.objects.filter(programme=programme).exclude(published_at=None)
            if start <= _local(a.published_at) <= as_of
        }
    raise ValueError(code)


def expected_value(
    code: str, as_of: datetime.date, programme_start: datetime.date, programme: Programme | None = None
) -> int | None:
    """A KPI's value on a date: a count, the latest measurement, or None for no data."""
    programme = _programme(programme)
    if as_of < programme_start and code not in MANUAL:
        return None
    if code in MANUAL:
        start = _start(code, as_of, programme)
        measurements = [
            m
            for m in KpiMeasurement.objects.filter(kpi__code=code, kpi__programme=programme)
            if start <= m.measured_on <= as_of
        ]
        if not measurements:
            return None
        return int(max(measurements, key=lambda m: m.measured_on).value)
    return len(counted_ids(code, as_of, programme))


def display(code: str, value: int | None) -> str:
    """How the KPI page writes a value."""
    if value is None:
        return "geen gegevens"
    if code in MILESTONES:
        return "bereikt" if value >= 1 else "nog niet bereikt"
    return str(value)
