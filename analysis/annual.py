"""The national resilience analysis of a year: which years can have one, and the data it freezes.

An analysis shows ``programme_snapshot`` as of the last day of its year (or as of
today while the year is still running), plus what only a year report needs: the
meetings held, the evaluations completed, the reach and spending reported for the
year's half-years, the municipalities' reporting, the advice of the advisory board
with the programme's responses, and the figures of the year before to say what
changed. ``analysis_data`` gathers all of it as plain data; the task freezes it
(``analysis.snapshots.freeze``) and the PDF is rendered from the frozen copy only.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import Activity, Event, Programme, ProtectiveFactor
from analysis.lessons import lessons_section, scp_section
from analysis.models import Advice, AdviceMessage, AnnualAnalysis
from analysis.snapshots import COUNTED_REPORT_STATES, programme_snapshot
from analysis.society import society_section
from interventions.models import Evaluation, Report, ReportingPeriod, ReportItem, ReportItemOutcome
from interventions.selectors.reports import spending_by_year
from municipalities.models import Grant

ANALYSIS_DATA_VERSION = 1
AGE_BANDS = (
    "participants_0_11",
    "participants_12_17",
    "participants_18_26",
    "participants_27_64",
    "participants_65_plus",
)
# The sections of programme_snapshot that the year before is compared on.
COMPARED_SECTIONS = ("kpis", "budget", "municipalities", "portfolio", "collaboration")


# ---------------------------------------------------------------------------
# Years


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def as_of_for(year: int, *, today: datetime.date) -> datetime.date:
    """The date an analysis takes its figures on: 31 December, or today while the year runs."""
    return min(year_bounds(year)[1], today)


def programme_years(programme: Programme) -> list[int]:
    return list(range(programme.starts_on.year, programme.ends_on.year + 1))


def year_problem(*, programme: Programme, year: int, today: datetime.date) -> str | None:
    """Why a year can have no analysis (outside the programme, or not begun), or None."""
    if year not in programme_years(programme):
        return gettext("%(year)s valt buiten het programma %(programme)s (%(start)s tot en met %(end)s).") % {
            "year": year,
            "programme": programme.name,
            "start": date_format(programme.starts_on, "j F Y"),
            "end": date_format(programme.ends_on, "j F Y"),
        }
    if datetime.date(year, 1, 1) > today:
        return gettext("%(year)s is nog niet begonnen: er zijn nog geen gegevens om te analyseren.") % {"year": year}
    return None


def analysis_title(year: int) -> str:
    return gettext("Landelijke veerkracht- en weerbaarheidsanalyse %(year)s") % {"year": year}


def version_title(analysis: AnnualAnalysis) -> str:
    return gettext("%(title)s, versie %(version)s") % {
        "title": analysis_title(analysis.year),
        "version": analysis.version,
    }


# ---------------------------------------------------------------------------
# The year's own figures


def _events(year: int, as_of: datetime.date) -> list[dict]:
    start, _end = year_bounds(year)
    events = (
        Event.objects.filter(held_on__gte=start, held_on__lte=as_of)
        .select_related("activity__action_line")
        .order_by("held_on", "title")
    )
    return [
        {
            "title": e.title,
            "held_on": e.held_on,
            "location": e.location,
            "activity": e.activity.name,
            "activity_en": e.activity.name_en or e.activity.name,
            "kind": e.activity.kind,
            "action_line": e.activity.action_line.code,
        }
        for e in events
    ]


def _evaluations(year: int, as_of: datetime.date) -> dict:
    start, _end = year_bounds(year)
    completed = (
        Evaluation.objects.filter(status=Evaluation.Status.COMPLETED, completed_on__gte=start, completed_on__lte=as_of)
        .select_related("intervention", "evaluator")
        .order_by("completed_on", "title")
    )
    running = Evaluation.objects.filter(status=Evaluation.Status.RUNNING, intervention__started_on__lte=as_of)
    return {
        "completed": [
            {
                "title": e.title,
                "intervention": e.intervention.name,
                "kind": e.kind,
                "evaluator": e.evaluator.name if e.evaluator else "",
                "completed_on": e.completed_on,
                "findings": e.findings,
                "evidence_level": e.intervention.evidence_level,
            }
            for e in completed
        ],
        "running": running.count(),
    }


def _year_items(year: int, as_of: datetime.date):
    """Report items of the year's half-years that count: submitted or accepted, of a half-year that has ended.

    ``as_of`` here is the day the reports are counted on: the report over the second
    half-year is due after the year has ended, so the analysis takes the reports as
    they stand when it is made.
    """
    halves = [1] if as_of < datetime.date(year, 12, 31) else [1, 2]
    if as_of < datetime.date(year, 6, 30):
        halves = []
    return ReportItem.objects.filter(
        report__status__in=COUNTED_REPORT_STATES, report__period__year=year, report__period__half__in=halves
    )


def _reach(year: int, as_of: datetime.date) -> dict:
    items = _year_items(year, as_of)
    totals = items.aggregate(
        participants=Sum("participants_total"),
        spending=Sum("spending"),
        items=Count("pk"),
        **{band: Sum(band) for band in AGE_BANDS},
    )
    per_half = {
        str(row["report__period__half"]): {
            "participants": row["participants"] or 0,
            "spending": row["spending"] or Decimal(0),
        }
        for row in items.values("report__period__half").annotate(
            participants=Sum("participants_total"), spending=Sum("spending")
        )
    }
    ratings = {
        row["protective_factor"]: row
        for row in ReportItemOutcome.objects.filter(item__in=items)
        .values("protective_factor")
        .annotate(count=Count("pk"), average=Avg("rating"))
    }
    factors = ProtectiveFactor.objects.order_by("code")
    return {
        "participants": totals["participants"] or 0,
        "spending": totals["spending"] or Decimal(0),
        "items": totals["items"],
        "age_bands": {band: totals[band] or 0 for band in AGE_BANDS},
        "per_half": per_half,
        "outcomes": [
            {
                "code": f.code,
                "name": f.name,
                "name_en": f.name_en or f.name,
                "ratings": ratings[f.pk]["count"] if f.pk in ratings else 0,
                "average": Decimal(str(ratings[f.pk]["average"])).quantize(Decimal("0.01"))
                if f.pk in ratings
                else None,
            }
            for f in factors
        ],
    }


def _reporting(year: int, as_of: datetime.date) -> list[dict]:
    """Per municipality with a grant in the year: the state of each half-year's report and the year's figures,
    as they stand on ``as_of`` (the day the reports are counted on)."""
    periods = {p.half: p for p in ReportingPeriod.objects.filter(year=year)}
    grants = defaultdict(list)
    for grant in (
        Grant.objects.filter(awarded_on__lte=as_of, first_year__lte=year, last_year__gte=year)
        .select_related("municipality")
        .order_by("municipality__name", "first_year")
    ):
        grants[grant.municipality_id].append(grant)
    reports = {
        (r.municipality_id, r.period.half): r
        for r in Report.objects.filter(period__year=year, municipality_id__in=grants).select_related("period")
    }
    sums = {
        row["report__municipality"]: row
        for row in _year_items(year, as_of)
        .values("report__municipality")
        .annotate(participants=Sum("participants_total"), spending=Sum("spending"))
    }
    # Spending of the grant: from the first year of the municipality's first grant up to this year.
    first_year = {municipality_id: min(g.first_year for g in own) for municipality_id, own in grants.items()}
    cumulative: dict[int, Decimal] = defaultdict(Decimal)
    for (municipality_id, spent_in), spent in spending_by_year(
        municipality_ids=list(grants), statuses=COUNTED_REPORT_STATES
    ).items():
        if first_year[municipality_id] <= spent_in <= year:
            cumulative[municipality_id] += spent
    rows = []
    for municipality_id, own in grants.items():
        municipality = own[0].municipality
        states = {}
        for half in (1, 2):
            period = periods.get(half)
            states[str(half)] = _report_state(reports.get((municipality_id, half)), period, as_of)
        total = sums.get(municipality_id, {})
        rows.append(
            {
                "cbs_code": municipality.cbs_code,
                "name": municipality.name,
                "grant_total": sum((g.amount for g in own), Decimal(0)),
                "participants": total.get("participants") or 0,
                "spending": total.get("spending") or Decimal(0),
                "spending_cumulative": cumulative.get(municipality_id) or Decimal(0),
                "reports": states,
            }
        )
    return sorted(rows, key=lambda row: row["name"])


def _report_state(report: Report | None, period: ReportingPeriod | None, as_of: datetime.date) -> str:
    """on_time, late, missing (deadline passed, nothing submitted), open (not due yet), or none (no period)."""
    if period is None:
        return "none"
    submitted = report.submitted_at if report and report.status != Report.Status.DRAFT else None
    if submitted is not None and timezone.localdate(submitted) <= as_of:
        return "on_time" if timezone.localdate(submitted) <= period.deadline else "late"
    return "missing" if period.deadline < as_of else "open"


def _advice(year: int, as_of: datetime.date) -> list[dict]:
    start, _end = year_bounds(year)
    advice = (
        Advice.objects.filter(given_at__date__gte=start, given_at__date__lte=as_of)
        .select_related("action_line", "kpi", "dashboard")
        .prefetch_related(Prefetch("messages", queryset=AdviceMessage.objects.order_by("written_at", "pk")))
        .order_by("given_at", "pk")
    )
    return [
        {
            "id": a.pk,
            "subject": a.subject,
            "kind": a.kind,
            "text": a.text,
            "given_on": timezone.localdate(a.given_at),
            "action_line": a.action_line.code if a.action_line else "",
            "kpi": a.kpi.code if a.kpi else "",
            "dashboard": str(a.dashboard) if a.dashboard else "",
            "follow_up": a.follow_up,
            "response": a.response,
            "responded_on": timezone.localdate(a.responded_at) if a.responded_at else None,
            "thread": advice_thread_frozen(a.messages.all(), as_of=as_of),
        }
        for a in advice
    ]


def advice_thread_frozen(messages, *, as_of: datetime.date | None = None) -> list[dict]:
    """The conversation about an advice as it is frozen into an analysis: which side wrote what, and when.

    The side, not the person: the analysis is published, and the board's members advise as a group.
    """
    return [
        {
            "side": m.side,
            "text": m.text,
            "follow_up": m.follow_up,
            "written_on": timezone.localdate(m.written_at),
        }
        for m in messages
        if as_of is None or timezone.localdate(m.written_at) <= as_of
    ]


# ---------------------------------------------------------------------------
# The year before


def previous_analysis(*, programme: Programme, year: int) -> AnnualAnalysis | None:
    """The analysis of the year before that the changes are measured against: its latest published version,
    else its latest finished one."""
    done = AnnualAnalysis.objects.filter(
        programme=programme, year=year - 1, status=AnnualAnalysis.Status.DONE, snapshot__isnull=False
    )
    return done.filter(published_at__isnull=False).order_by("-version").first() or done.order_by("-version").first()


def _previous(programme: Programme, year: int) -> dict | None:
    if year - 1 not in programme_years(programme):
        return None
    earlier = previous_analysis(programme=programme, year=year)
    if earlier is not None:
        return {
            "source": "analysis",
            "version": earlier.version,
            "data_hash": earlier.data_hash,
            "as_of": earlier.snapshot["as_of"],
            **{key: earlier.snapshot[key] for key in COMPARED_SECTIONS},
        }
    as_of = year_bounds(year - 1)[1]
    figures = programme_snapshot(programme=programme, as_of=as_of)
    return {"source": "computed", "as_of": as_of, **{key: figures[key] for key in COMPARED_SECTIONS}}


# ---------------------------------------------------------------------------


def analysis_data(*, programme: Programme, year: int, version: int, today: datetime.date | None = None) -> dict:
    """Every figure the analysis of a year shows, as plain data (not yet frozen), computed from the live data."""
    today = today or timezone.localdate()
    as_of = as_of_for(year, today=today)
    data = programme_snapshot(programme=programme, as_of=as_of)
    data["analysis"] = {
        "data_version": ANALYSIS_DATA_VERSION,
        "year": year,
        "version": version,
        "as_of": as_of,
        "complete_year": as_of == year_bounds(year)[1],
        # The reports over the year's half-years count as they stand on this day.
        "reports_counted_on": today,
        "programme_years": programme_years(programme),
    }
    data["activities"] = [
        {"code": a.action_line.code, "name": a.name, "name_en": a.name_en or a.name, "kind": a.kind}
        for a in Activity.objects.filter(action_line__programme=programme)
        .select_related("action_line")
        .order_by("action_line__order", "order", "name")
    ]
    data["year"] = {
        "events": _events(year, as_of),
        "evaluations": _evaluations(year, as_of),
        "reach": _reach(year, today),
        "reporting": _reporting(year, today),
        "advice": _advice(year, as_of),
    }
    data["previous"] = _previous(programme, year)
    data["society"] = society_section(as_of)
    data["lessons"] = lessons_section(year=year)
    data["scp"] = scp_section(as_of)
    return data


def has_figures(data: dict) -> bool:
    """Whether anything happened by the analysis date; an analysis of nothing is not made."""
    return bool(
        data["portfolio"]["total"]
        or data["municipalities"]
        or any(k["value"] not in (None, 0) for k in data["kpis"])
        or data["year"]["events"]
    )


def empty_problem(year: int) -> str:
    return gettext(
        "Er zijn voor %(year)s nog geen gegevens: geen interventies, geen gemeenten en geen gemeten KPI's. "
        "Een analyse zonder cijfers wordt niet gemaakt."
    ) % {"year": year}
