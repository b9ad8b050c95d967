"""The one place where a KPI's actual value is computed.

Every page, the API, the dashboards and the annual analysis ask this module, so a
figure shown anywhere agrees with every other place it is shown.

A KPI names a *measure*: either one of the computed measures below, which count
objects in the portal's own data as of a date, or ``manual``, which takes the
latest value staff recorded (``KpiMeasurement``). A per-year KPI counts within
the calendar year of the date; a deadline KPI counts everything up to the date.

Each measure answers, in one query, for any number of dates, so a page showing
twelve KPIs with their trends needs about a dozen queries whatever the data size.
"""

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Activity, Event, Kpi, KpiMeasurement, Programme
from analysis.models import AnnualAnalysis, Dashboard
from interventions.models import Evaluation, Intervention
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)

# Status thresholds: progress (actual / target) is compared with the straight
# line from the start of the KPI's period to its deadline (for per-year KPIs:
# 1 January to 31 December). "expected" is the share of that period passed.
ON_TRACK_SHARE = Decimal("0.90")  # at least 90% of the expected progress
AT_RISK_SHARE = Decimal("0.60")  # at least 60% of the expected progress


class Status:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    NO_DATA = "no_data"

    LABELS = {
        ACHIEVED: _("Behaald"),
        ON_TRACK: _("Op koers"),
        AT_RISK: _("Risico"),
        BEHIND: _("Achter"),
        NO_DATA: _("Geen gegevens"),
    }
    ORDER = [ACHIEVED, ON_TRACK, AT_RISK, BEHIND, NO_DATA]


def status_rules() -> list[tuple[str, str]]:
    """The status rules in words, for the pages and the PDF."""
    on_track = int(ON_TRACK_SHARE * 100)
    at_risk = int(AT_RISK_SHARE * 100)
    return [
        (Status.ACHIEVED, _("De werkelijke waarde is gelijk aan of hoger dan de streefwaarde.")),
        (
            Status.ON_TRACK,
            _(
                "De voortgang is ten minste %(share)s%% van wat volgens de rechte lijn van start tot "
                "deadline verwacht mag worden."
            )
            % {"share": on_track},
        ),
        (
            Status.AT_RISK,
            _("De voortgang is %(low)s%% tot %(high)s%% van wat volgens de rechte lijn verwacht mag worden.")
            % {"low": at_risk, "high": on_track},
        ),
        (
            Status.BEHIND,
            _(
                "De voortgang is minder dan %(share)s%% van het verwachte, of de deadline is verstreken "
                "zonder dat de streefwaarde is behaald."
            )
            % {"share": at_risk},
        ),
        (Status.NO_DATA, _("Er is nog niets gemeten: geen vastgelegde waarde, of de meetwijze is onbekend.")),
    ]


@dataclass(frozen=True)
class Counted:
    """One object a KPI counts, and why it counts."""

    kind: str  # "intervention", "municipality", "organisation", "partnership", "event", ...
    pk: int
    label: str
    reason: str


@dataclass(frozen=True)
class Measure:
    code: str
    description: str
    values: Callable[[Sequence[datetime.date], bool], dict[datetime.date, Decimal]]
    members: Callable[[datetime.date, bool], list[Counted]]


@dataclass(frozen=True)
class KpiResult:
    """A KPI's actual value as of a date, with what it is measured against."""

    kpi: Kpi
    as_of: datetime.date
    value: Decimal | None
    period_start: datetime.date
    period_end: datetime.date
    expected_share: Decimal
    status: str
    error: str = ""
    trend: list[tuple[datetime.date, Decimal | None]] = field(default_factory=list)

    @property
    def target(self) -> Decimal:
        return self.kpi.target

    @property
    def progress(self) -> Decimal | None:
        """Actual divided by target (1 = target reached), or None without data."""
        if self.value is None:
            return None
        if not self.kpi.target:
            return Decimal(1)
        return self.value / self.kpi.target

    @property
    def progress_percent(self) -> int | None:
        progress = self.progress
        return None if progress is None else int(min(progress, Decimal(1)) * 100)

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


# ---------------------------------------------------------------------------
# Measures. Each takes dates and whether to count within the date's year only.


def _window(day: datetime.date, per_year: bool) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(day.year, 1, 1) if per_year else datetime.date.min
    return start, day


def _count_dated(pairs: Iterable[tuple], dates: Sequence[datetime.date], per_year: bool) -> dict:
    """For every day, how many distinct keys have a date in the day's window; ``pairs`` are (key, date).

    Each measure fetches, in one query, the key and the date that decide whether a row
    counts, and counts here for every date at once. These tables hold thousands of
    rows at national scale: cheaper than one filtered count per date in the database,
    and far cheaper to compile.
    """
    pairs = sorted((day, key) for key, day in pairs if day is not None)
    days = [day for day, _key in pairs]
    result = {}
    for day in dates:
        start, end = _window(day, per_year)
        window = pairs[bisect_left(days, start) : bisect_right(days, end)]
        result[day] = Decimal(len({key for _day, key in window}))
    return result


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _conferences(dates, per_year):
    rows = Event.objects.filter(activity__kind=Activity.Kind.CONFERENCE).values_list("pk", "held_on")
    return _count_dated(rows, dates, per_year)


def _conference_members(day, per_year):
    start, end = _window(day, per_year)
    events = Event.objects.filter(activity__kind=Activity.Kind.CONFERENCE, held_on__gte=start, held_on__lte=end)
    return [
        Counted("event", e.pk, e.title, _("Conferentie gehouden op %(date)s") % {"date": _format(e.held_on)})
        for e in events.order_by("held_on")
    ]


def _learning_community_grantees(dates, per_year):
    # A municipality counts while it is a member, from the day of its first grant.
    first_grant = Grant.objects.filter(municipality=OuterRef("municipality")).order_by("awarded_on")
    rows = LearningCommunityMembership.objects.annotate(
        first_grant=Subquery(first_grant.values("awarded_on")[:1])
    ).values_list("municipality_id", "joined_on", "left_on", "first_grant")

    rows = [row for row in rows if row[3] is not None]
    return {
        day: Decimal(
            len(
                {
                    municipality
                    for municipality, joined, left, granted in rows
                    if joined <= day and (left is None or left > day) and granted <= day
                }
            )
        )
        for day in dates
    }


def _learning_community_grantee_members(day, per_year):
    memberships = {
        m.municipality_id: m
        for m in LearningCommunityMembership.objects.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .order_by("joined_on")
    }
    municipalities = (
        Municipality.objects.filter(pk__in=memberships, grants__awarded_on__lte=day)
        .annotate(first_grant=Min("grants__awarded_on"))
        .distinct()
        .order_by("name")
    )
    return [
        Counted(
            "municipality",
            m.pk,
            m.name,
            _("Specifieke uitkering sinds %(grant)s; in de learning community sinds %(joined)s")
            % {"grant": _format(m.first_grant), "joined": _format(memberships[m.pk].joined_on)},
        )
        for m in municipalities
    ]


def _interventions_developed(dates, per_year):
    rows = Intervention.objects.filter(developed_on__isnull=False).values_list("pk", "developed_on")
    return _count_dated(rows, dates, per_year)


def _interventions_developed_members(day, per_year):
    start, end = _window(day, per_year)
    interventions = Intervention.objects.filter(developed_on__gte=start, developed_on__lte=end).order_by("name")
    return [
        Counted(
            "intervention",
            i.pk,
            i.name,
            _("Ontwikkeld op %(date)s; nu in de fase '%(stage)s'")
            % {"date": _format(i.developed_on), "stage": i.get_stage_display()},
        )
        for i in interventions
    ]


def _interventions_evaluated(dates, per_year):
    rows = Evaluation.objects.filter(status=Evaluation.Status.COMPLETED).values_list("intervention_id", "completed_on")
    return _count_dated(rows, dates, per_year)


def _interventions_evaluated_members(day, per_year):
    start, end = _window(day, per_year)
    evaluations = (
        Evaluation.objects.filter(status=Evaluation.Status.COMPLETED, completed_on__gte=start, completed_on__lte=end)
        .select_related("intervention")
        .order_by("intervention__name", "completed_on")
    )
    first: dict[int, Evaluation] = {}
    for evaluation in evaluations:
        first.setdefault(evaluation.intervention_id, evaluation)
    return [
        Counted(
            "intervention",
            e.intervention_id,
            e.intervention.name,
            _("%(kind)s '%(title)s' afgerond op %(date)s")
            % {"kind": e.get_kind_display(), "title": e.title, "date": _format(e.completed_on)},
        )
        for e in first.values()
    ]


def _active_on(day) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def _active_partnerships(dates, per_year):
    rows = list(Partnership.objects.values_list("started_on", "ended_on"))
    return {
        day: Decimal(sum(1 for started, ended in rows if started <= day and (ended is None or ended >= day)))
        for day in dates
    }


def _active_partnership_members(day, per_year):
    partnerships = Partnership.objects.filter(_active_on(day)).order_by("name")
    return [
        Counted(
            "partnership",
            p.pk,
            p.name,
            _("Loopt sinds %(start)s%(end)s")
            % {
                "start": _format(p.started_on),
                "end": (_(" tot %(date)s") % {"date": _format(p.ended_on)}) if p.ended_on else "",
            },
        )
        for p in partnerships
    ]


FAR_FUTURE = datetime.date(9999, 12, 31)


def _first_taking_part() -> dict[str, Coalesce]:
    """The first day a civil-society organisation took part in each way (far in the future if it never did).

    An organisation takes part as of a day when any of these is on or before it. One
    small correlated subquery per way and organisation, instead of an existence test
    per way, organisation and date.
    """
    org = OuterRef("pk")

    def first(queryset, field):
        return Coalesce(Subquery(queryset.order_by(field).values(field)[:1]), Value(FAR_FUTURE))

    return {
        "activity": first(ActivityParticipation.objects.filter(organisation=org), "joined_on"),
        "partnership": first(Partnership.objects.filter(members=org), "started_on"),
        "owner": first(Intervention.objects.filter(owner=org), "started_on"),
        "partner": first(Intervention.objects.filter(partners=org), "started_on"),
    }


def _civil_society_first_days():
    return (
        Organisation.objects.filter(kind=Organisation.Kind.CIVIL_SOCIETY)
        .annotate(**{f"first_{way}": expression for way, expression in _first_taking_part().items()})
        .order_by("name")
    )


def _civil_society(dates, per_year):
    # One query: each organisation's first day per way; counting per date is then plain arithmetic.
    firsts = [
        min(row)
        for row in _civil_society_first_days().values_list(
            "first_activity", "first_partnership", "first_owner", "first_partner"
        )
    ]
    return {day: Decimal(sum(1 for first in firsts if first <= day)) for day in dates}


def _civil_society_members(day, per_year):
    labels = {
        "activity": _("neemt deel aan een activiteit"),
        "partnership": _("lid van een samenwerkingsverband"),
        "intervention": _("eigenaar of partner van een interventie"),
    }
    counted = []
    for o in _civil_society_first_days():
        ways = {
            "activity": o.first_activity <= day,
            "partnership": o.first_partnership <= day,
            "intervention": o.first_owner <= day or o.first_partner <= day,
        }
        if any(ways.values()):
            reason = "; ".join(str(labels[way]) for way, taking_part in ways.items() if taking_part).capitalize()
            counted.append(Counted("organisation", o.pk, o.name, reason))
    return counted


def _board_informed(dates, per_year):
    # A published first version of a dashboard is one time the board was informed;
    # corrections of it are not counted again.
    rows = [
        (pk, _local_day(published_at))
        for pk, published_at in Dashboard.objects.filter(
            status=Dashboard.Status.PUBLISHED, correction_of__isnull=True
        ).values_list("pk", "published_at")
    ]
    return _count_dated(rows, dates, per_year)


def _board_informed_members(day, per_year):
    start, end = _window(day, per_year)
    dashboards = Dashboard.objects.filter(
        status=Dashboard.Status.PUBLISHED,
        correction_of__isnull=True,
        published_at__date__gte=start,
        published_at__date__lte=end,
    ).order_by("published_at")
    return [
        Counted(
            "dashboard",
            d.pk,
            _("Dashboard %(label)s") % {"label": str(d)},
            _("Gepubliceerd voor de klankbordgroep op %(date)s") % {"date": _format(d.published_at.date())},
        )
        for d in dashboards
    ]


def _analyses_published(dates, per_year):
    # Each year's analysis counts once, however many versions were published.
    rows = [
        (year, _local_day(published_at))
        for year, published_at in AnnualAnalysis.objects.filter(published_at__isnull=False).values_list(
            "year", "published_at"
        )
    ]
    return _count_dated(rows, dates, per_year)


def _analyses_published_members(day, per_year):
    start, end = _window(day, per_year)
    analyses = AnnualAnalysis.objects.filter(published_at__date__gte=start, published_at__date__lte=end).order_by(
        "year", "published_at"
    )
    first: dict[int, AnnualAnalysis] = {}
    for analysis in analyses:
        first.setdefault(analysis.year, analysis)
    return [
        Counted(
            "analysis",
            a.pk,
            _("Landelijke analyse %(year)s") % {"year": a.year},
            _("Versie %(version)s gepubliceerd op %(date)s")
            % {"version": a.version, "date": _format(a.published_at.date())},
        )
        for a in first.values()
    ]


MEASURES: dict[str, Measure] = {
    measure.code: measure
    for measure in [
        Measure("conferences_held", _("Conferenties gehouden"), _conferences, _conference_members),
        Measure(
            "learning_community_grantees",
            _("Gemeenten met een specifieke uitkering en een lopende deelname aan de learning community"),
            _learning_community_grantees,
            _learning_community_grantee_members,
        ),
        Measure(
            "interventions_developed",
            _("Interventies in de fase ontwikkeld of later"),
            _interventions_developed,
            _interventions_developed_members,
        ),
        Measure(
            "interventions_evaluated",
            _("Interventies met ten minste één afgeronde evaluatie"),
            _interventions_evaluated,
            _interventions_evaluated_members,
        ),
        Measure(
            "active_partnerships",
            _("Lopende samenwerkingsverbanden"),
            _active_partnerships,
            _active_partnership_members,
        ),
        Measure(
            "civil_society_organisations",
            _("Maatschappelijke organisaties die deelnemen aan een activiteit, samenwerkingsverband of interventie"),
            _civil_society,
            _civil_society_members,
        ),
        Measure(
            "advisory_board_meetings",
            _("Dashboards gepubliceerd voor de klankbordgroep"),
            _board_informed,
            _board_informed_members,
        ),
        Measure(
            "analyses_published",
            _("Jaarlijkse analyses gepubliceerd"),
            _analyses_published,
            _analyses_published_members,
        ),
    ]
}


def measure_choices() -> list[tuple[str, str]]:
    return [(Kpi.MANUAL, str(_("Handmatig vastgelegd door de staf")))] + [
        (code, str(measure.description)) for code, measure in MEASURES.items()
    ]


# ---------------------------------------------------------------------------
# Public API


def period_of(kpi: Kpi, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The stretch of time a KPI's target applies to, for a date."""
    if kpi.period == Kpi.Period.PER_YEAR:
        return datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31)
    return kpi.programme.starts_on, kpi.deadline


def expected_share(kpi: Kpi, as_of: datetime.date) -> Decimal:
    """The share of the KPI's period that has passed: the straight line's height on that date."""
    start, end = period_of(kpi, as_of)
    if as_of >= end:
        return Decimal(1)
    if as_of < start:
        return Decimal(0)
    total = (end - start).days or 1
    return Decimal((as_of - start).days) / Decimal(total)


def status_for(kpi: Kpi, value: Decimal | None, as_of: datetime.date) -> str:
    """Achieved, on track, at risk, behind, or no data; see status_rules()."""
    if value is None:
        return Status.NO_DATA
    if value >= kpi.target:
        return Status.ACHIEVED
    _start, end = period_of(kpi, as_of)
    if as_of >= end:
        return Status.BEHIND
    expected = expected_share(kpi, as_of)
    progress = value / kpi.target if kpi.target else Decimal(1)
    if progress >= expected * ON_TRACK_SHARE:
        return Status.ON_TRACK
    if progress >= expected * AT_RISK_SHARE:
        return Status.AT_RISK
    return Status.BEHIND


def half_year_ends(start: datetime.date, until: datetime.date) -> list[datetime.date]:
    """30 June and 31 December from the half-year containing ``start`` up to ``until``, plus ``until``."""
    points = []
    year = start.year
    while True:
        for day in (datetime.date(year, 6, 30), datetime.date(year, 12, 31)):
            if day < start:
                continue
            if day > until:
                if not points or points[-1] != until:
                    points.append(until)
                return points
            points.append(day)
        year += 1


def values(kpis: Iterable[Kpi], dates: Sequence[datetime.date]) -> dict[int, dict[datetime.date, Decimal | None]]:
    """The actual value of each KPI on each date: {kpi.pk: {date: value or None}}.

    One query per measure in use, plus one for all manual measurements.
    """
    kpis = list(kpis)
    dates = sorted(set(dates))
    result: dict[int, dict[datetime.date, Decimal | None]] = {}
    cache: dict[tuple[str, bool], dict[datetime.date, Decimal]] = {}
    manual = [kpi for kpi in kpis if kpi.measure == Kpi.MANUAL]
    manual_values = _manual_values(manual, dates)
    for kpi in kpis:
        if kpi.measure == Kpi.MANUAL:
            result[kpi.pk] = manual_values[kpi.pk]
            continue
        measure = MEASURES.get(kpi.measure)
        if measure is None:
            result[kpi.pk] = dict.fromkeys(dates)
            continue
        per_year = kpi.period == Kpi.Period.PER_YEAR
        key = (kpi.measure, per_year)
        if key not in cache:
            cache[key] = measure.values(dates, per_year)
        result[kpi.pk] = {day: _before_start(kpi, day, cache[key][day]) for day in dates}
    return result


def _before_start(kpi: Kpi, day: datetime.date, value: Decimal) -> Decimal | None:
    # Before the programme started nothing was measured yet.
    return None if day < kpi.programme.starts_on else value


def _manual_values(kpis: list[Kpi], dates: Sequence[datetime.date]) -> dict[int, dict[datetime.date, Decimal | None]]:
    by_kpi: dict[int, list[tuple[datetime.date, Decimal]]] = {kpi.pk: [] for kpi in kpis}
    if kpis and dates:
        for kpi_id, measured_on, value in (
            KpiMeasurement.objects.filter(kpi__in=kpis, measured_on__lte=max(dates))
            .order_by("measured_on")
            .values_list("kpi_id", "measured_on", "value")
        ):
            by_kpi[kpi_id].append((measured_on, value))
    result = {}
    for kpi in kpis:
        per_year = kpi.period == Kpi.Period.PER_YEAR
        series = {}
        for day in dates:
            start, end = _window(day, per_year)
            latest = [value for measured_on, value in by_kpi[kpi.pk] if start <= measured_on <= end]
            series[day] = latest[-1] if latest else None
        result[kpi.pk] = series
    return result


def evaluate(kpi: Kpi, as_of: datetime.date, *, trend_dates: Sequence[datetime.date] = ()) -> KpiResult:
    """One KPI as of a date, optionally with its values on ``trend_dates``."""
    return evaluate_all([kpi], as_of, trend_dates=trend_dates)[0]


def evaluate_all(
    kpis: Iterable[Kpi], as_of: datetime.date, *, trend_dates: Sequence[datetime.date] = ()
) -> list[KpiResult]:
    """Every KPI as of a date, in the order given, with trends; a dozen queries at most."""
    kpis = list(kpis)
    dates = sorted({as_of, *trend_dates})
    all_values = values(kpis, dates)
    results = []
    for kpi in kpis:
        error = ""
        if kpi.measure != Kpi.MANUAL and kpi.measure not in MEASURES:
            error = str(
                _("Onbekende meetwijze '%(measure)s': deze KPI kan niet worden berekend.") % {"measure": kpi.measure}
            )
        value = all_values[kpi.pk][as_of]
        start, end = period_of(kpi, as_of)
        results.append(
            KpiResult(
                kpi=kpi,
                as_of=as_of,
                value=value,
                period_start=start,
                period_end=end,
                expected_share=expected_share(kpi, as_of),
                status=status_for(kpi, value, as_of),
                error=error,
                trend=[(day, all_values[kpi.pk][day]) for day in sorted(trend_dates)],
            )
        )
    return results


def programme_kpis(programme: Programme) -> QuerySet[Kpi]:
    return (
        Kpi.objects.filter(programme=programme)
        .select_related("programme", "action_line")
        .order_by("action_line__order", "order", "code")
    )


def programme_results(programme: Programme, as_of: datetime.date, *, with_trend: bool = True) -> list[KpiResult]:
    """All KPIs of a programme as of a date, each with its trend over the programme's half-years."""
    trend_dates = half_year_ends(programme.starts_on, as_of) if with_trend else ()
    return evaluate_all(programme_kpis(programme), as_of, trend_dates=trend_dates)


def members(kpi: Kpi, as_of: datetime.date) -> list[Counted]:
    """Exactly which objects a KPI counts as of a date, and why each one counts.

    For a manual KPI: the measurements that apply, newest first.
    """
    if kpi.measure == Kpi.MANUAL:
        start, end = _window(as_of, kpi.period == Kpi.Period.PER_YEAR)
        measurements = kpi.measurements.filter(measured_on__gte=start, measured_on__lte=end).order_by("-measured_on")
        return [
            Counted(
                "measurement",
                m.pk,
                _("Waarde %(value)s op %(date)s") % {"value": _number(m.value), "date": _format(m.measured_on)},
                m.note or str(_("Vastgelegd door de programmastaf")),
            )
            for m in measurements
        ]
    measure = MEASURES.get(kpi.measure)
    if measure is None or as_of < kpi.programme.starts_on:
        return []
    return measure.members(as_of, kpi.period == Kpi.Period.PER_YEAR)


def _format(day: datetime.date | None) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y") if day else "-"


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


__all__ = [
    "AT_RISK_SHARE",
    "MEASURES",
    "ON_TRACK_SHARE",
    "Counted",
    "KpiResult",
    "Status",
    "evaluate",
    "evaluate_all",
    "expected_share",
    "half_year_ends",
    "measure_choices",
    "members",
    "period_of",
    "programme_kpis",
    "programme_results",
    "status_for",
    "status_rules",
    "values",
]
