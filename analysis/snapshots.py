"""Freeze the programme's figures as plain data, with a content hash.

The biannual dashboard and the annual analysis both show a frozen copy of the
portal's data. ``programme_snapshot`` gathers it through ``analysis.kpis`` and
``analysis.budget``; ``freeze`` turns it into canonical JSON and its SHA-256, so
the same data always gives the same hash and renders to the same figures.

Names are kept in Dutch and English (``name`` / ``name_en``), so one snapshot can
be rendered in either language.
"""

import datetime
import hashlib
import json
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from agenda.models import Phenomenon, Programme, ProtectiveFactor, ResilienceLevel
from analysis import kpis
from analysis.budget import budget_position
from core.sql import select_with
from interventions.models import Evaluation, Intervention, Report, ReportingPeriod, ReportItem
from municipalities.models import Grant, LearningCommunityMembership, Municipality, Organisation, Partnership

# 2: the collaboration section counts its partnerships itself (``count``, ``active_count``).
SNAPSHOT_VERSION = 2
COUNTED_REPORT_STATES = Report.COUNTED_STATUSES


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot freeze {type(value).__name__}")


def canonical_json(data: Any) -> str:
    return json.dumps(data, default=_plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def freeze(data: Any) -> tuple[Any, str]:
    """The data as JSON-ready values, and the SHA-256 of its canonical JSON."""
    text = canonical_json(data)
    return json.loads(text), hashlib.sha256(text.encode("utf-8")).hexdigest()


def _names(obj) -> dict[str, str]:
    return {"name": obj.name, "name_en": getattr(obj, "name_en", "") or obj.name}


def kpi_section(programme: Programme, as_of: datetime.date) -> list[dict]:
    results = kpis.programme_results(programme, as_of)
    return [
        {
            "code": r.kpi.code,
            **_names(r.kpi),
            "action_line": r.kpi.action_line.code,
            "target": r.kpi.target,
            "unit": r.kpi.unit,
            "period": r.kpi.period,
            "deadline": r.kpi.deadline,
            "measure": r.kpi.measure,
            "measure_description": r.kpi.measure_description,
            "measure_description_en": r.kpi.measure_description_en,
            "value": r.value,
            "status": r.status,
            "expected_share": r.expected_share.quantize(Decimal("0.001")),
            "period_start": r.period_start,
            "period_end": r.period_end,
            "error": r.error,
            "trend": [[day, value] for day, value in r.trend],
        }
        for r in results
    ]


def budget_section(programme: Programme, as_of: datetime.date) -> dict:
    position = budget_position(programme=programme, as_of=as_of)

    def cell(c):
        return {"planned": c.planned, "committed": c.committed, "spent": c.spent}

    return {
        "years": position.years,
        "time_share": {str(year): share.quantize(Decimal("0.001")) for year, share in position.time_share.items()},
        "rows": [
            {
                "action_line": row.action_line.code if row.action_line else None,
                "name": row.action_line.name if row.action_line else "Overige kosten (geen actielijn)",
                "name_en": (row.action_line.name_en or row.action_line.name)
                if row.action_line
                else "Other costs (no action line)",
                "years": {str(year): cell(c) for year, c in row.years.items()},
                "total": cell(row.total),
                "outruns_time": row.outruns_time,
            }
            for row in position.rows
        ],
        "total": cell(position.total),
        "warnings": [
            {
                "name": w.label,
                "year": w.year,
                "spent_share": w.spent_share.quantize(Decimal("0.001")),
                "time_share": w.time_share.quantize(Decimal("0.001")),
            }
            for w in position.warnings
        ],
        "average": position.average,
        "overcommitted": [
            {
                "action_line": row.action_line.code if row.action_line else None,
                "name": row.action_line.name if row.action_line else "Overige kosten (geen actielijn)",
                "name_en": (row.action_line.name_en or row.action_line.name)
                if row.action_line
                else "Other costs (no action line)",
                "year": year,
                "available": cell.available,
            }
            for row in position.rows
            for year, cell in row.years.items()
            if cell.overcommitted
        ],
    }


def ended_periods(as_of: datetime.date, *, prefix: str = "") -> Q:
    """Reporting periods whose half-year has ended on the date."""
    ended = Q(**{f"{prefix}year__lt": as_of.year})
    if as_of >= datetime.date(as_of.year, 6, 30):
        ended |= Q(**{f"{prefix}year": as_of.year, f"{prefix}half": 1})
    if as_of >= datetime.date(as_of.year, 12, 31):
        ended |= Q(**{f"{prefix}year": as_of.year, f"{prefix}half": 2})
    return ended


def reach_per_municipality(as_of: datetime.date) -> dict[int, dict]:
    """Participants and spending per municipality, over its submitted or accepted reports of ended half-years
    that have at least one item.

    A counted report's figures were frozen when it was handed in (``interventions.services.report_totals``),
    so this adds up one row per report, not every item: the map page waits for it, and the items grow
    with the programme. A counted report without frozen figures (one that reached "submitted" some
    other way) has its items summed here, on their own first and joined to nothing but their report.
    One query, put together from the ORM's own SQL (``core.sql.select_with``); one row per
    municipality comes back.
    """
    counted = (
        Report.objects.filter(status__in=COUNTED_REPORT_STATES)
        .filter(ended_periods(as_of, prefix="period__"))
        .order_by()
    )
    rows = select_with(
        [
            (
                "frozen (municipality_id, items, reach, spending)",
                counted.filter(frozen_items__gt=0).values_list(
                    "municipality_id", "frozen_items", "frozen_reach", "frozen_spending"
                ),
            ),
            (
                "summed (municipality_id, items, reach, spending)",
                ReportItem.objects.filter(report__in=counted.filter(frozen_items__isnull=True).values("pk"))
                .order_by()
                .values("report__municipality_id")
                .annotate(items=Count("pk"), reach=Sum("participants_total"), spending=Sum("spending"))
                .values_list("report__municipality_id", "items", "reach", "spending"),
            ),
        ],
        "SELECT municipality_id, SUM(reach), SUM(spending) "
        "FROM (SELECT * FROM frozen UNION ALL SELECT * FROM summed) AS per_report "
        "GROUP BY municipality_id",
    )
    # PostgreSQL sums the per-report sums as numeric: the participants are a whole number again.
    return {
        municipality_id: {"reach": None if reach is None else int(reach), "spending": _amount(spending)}
        for municipality_id, reach, spending in rows
    }


def _amount(value) -> Decimal | None:
    """A sum of euro amounts from a plain cursor: PostgreSQL gives a Decimal, SQLite a float or an int."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def municipality_section(
    programme: Programme, as_of: datetime.date, *, compliance: bool = True, reported: bool = False
) -> list[dict]:
    """Municipalities with a grant of the programme, a learning-community membership or a report, with reach
    and compliance.

    The map shows no compliance (``compliance=False`` leaves the reports_* keys out, and their
    queries) but wants to know who reported (``reported=True`` adds it: a submitted or accepted
    report of an ended half-year with at least one item, the reports ``reach`` counts).
    """
    grants = defaultdict(list)
    for grant in (
        Grant.objects.filter(programme=programme, awarded_on__lte=as_of)
        .select_related("focus_area")
        # A total order: two grants of one municipality starting in the same year (two tranches, two
        # areas) otherwise come in the order the database happens to hold them, and a frozen
        # snapshot of the same data could differ.
        .order_by("first_year", "tranche", "awarded_on", "pk")
    ):
        grants[grant.municipality_id].append(grant)
    members = set(
        LearningCommunityMembership.objects.filter(joined_on__lte=as_of)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))
        .values_list("municipality_id", flat=True)
    )
    ever_members = set(
        LearningCommunityMembership.objects.filter(joined_on__lte=as_of).values_list("municipality_id", flat=True)
    )
    totals = reach_per_municipality(as_of)
    periods = list(ReportingPeriod.objects.filter(deadline__lte=as_of)) if compliance else []
    # Plain tuples: thousands of reports at national scale, and only these fields are read.
    reports = (
        {
            (municipality_id, period_id): (status, submitted_at)
            for municipality_id, period_id, status, submitted_at in Report.objects.filter(period__in=periods)
            .order_by()
            .values_list("municipality_id", "period_id", "status", "submitted_at")
        }
        if compliance
        else {}
    )
    ids = set(grants) | ever_members | set(totals)
    rows = []
    for municipality in Municipality.objects.filter(pk__in=ids).order_by("name"):
        own = grants.get(municipality.pk, [])
        total = totals.get(municipality.pk, {})
        row = {
            "cbs_code": municipality.cbs_code,
            "name": municipality.name,
            "province": municipality.province,
            "grants": [
                {
                    "tranche": g.tranche,
                    "theme": g.theme,
                    "focus_area": g.focus_area.name if g.focus_area else "",
                    "first_year": g.first_year,
                    "last_year": g.last_year,
                    "amount": g.amount,
                    "amount_is_example": g.amount_is_example,
                }
                for g in own
            ],
            "grant_total": sum((g.amount for g in own), Decimal(0)),
            "learning_community": municipality.pk in members,
            "reach": total.get("reach") or 0,
            "spending": total.get("spending") or Decimal(0),
        }
        if compliance:
            row.update(_compliance(own, periods, reports, municipality.pk))
        if reported:
            row["reported"] = municipality.pk in totals
        rows.append(row)
    return rows


def _compliance(own: list, periods: list, reports: dict, municipality_id: int) -> dict:
    """Reports due under the municipality's grants, and whether each came in on time, late or not at all."""
    due = [p for p in periods if any(g.first_year <= p.year <= g.last_year for g in own)]
    on_time = late = missing = 0
    for period in due:
        status, submitted_at = reports.get((municipality_id, period.pk), (None, None))
        if status is None or status == Report.Status.DRAFT or submitted_at is None:
            missing += 1
        elif timezone.localdate(submitted_at) <= period.deadline:  # the deadline is a day in the Netherlands
            on_time += 1
        else:
            late += 1
    return {"reports_due": len(due), "reports_on_time": on_time, "reports_late": late, "reports_missing": missing}


def portfolio_section(as_of: datetime.date) -> dict:
    """The interventions in the programme as of a date: factor x level, phenomena, evidence, stages, evaluations."""
    interventions = Intervention.objects.filter(started_on__lte=as_of)
    levels = list(ResilienceLevel.objects.order_by("order"))
    matrix_counts = Counter(
        (row["protective_factors"], row["resilience_level"])
        for row in interventions.values("protective_factors", "resilience_level")
        if row["protective_factors"]
    )
    factors = list(ProtectiveFactor.objects.select_related("level").order_by("code"))
    phenomena = Phenomenon.objects.annotate(
        count=Count("interventions", filter=Q(interventions__started_on__lte=as_of), distinct=True)
    ).order_by("code")
    evaluations = Evaluation.objects.filter(intervention__started_on__lte=as_of)
    completed = evaluations.filter(status=Evaluation.Status.COMPLETED, completed_on__lte=as_of)
    return {
        "total": interventions.count(),
        "public": interventions.filter(is_public=True).count(),
        "levels": [{"code": level.code, **_names(level)} for level in levels],
        "matrix": [
            {
                "code": factor.code,
                **_names(factor),
                "level": factor.level.code,
                "counts": {level.code: matrix_counts.get((factor.pk, level.pk), 0) for level in levels},
            }
            for factor in factors
        ],
        "phenomena": [{"code": p.code, **_names(p), "count": p.count} for p in phenomena],
        "evidence": _counts(interventions, "evidence_level", Intervention.EvidenceLevel),
        "stages": _counts(interventions, "stage", Intervention.Stage),
        "evaluations": {
            "completed": completed.count(),
            "completed_interventions": completed.values("intervention").distinct().count(),
            "running": evaluations.filter(status=Evaluation.Status.RUNNING).count(),
            "planned": evaluations.filter(status=Evaluation.Status.PLANNED).count(),
            "by_kind": {kind: completed.filter(kind=kind).count() for kind in Evaluation.Kind.values},
        },
    }


def _counts(queryset, field: str, choices) -> list[dict]:
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    return [{"code": value, "count": found.get(value, 0)} for value in choices.values]


def collaboration_section(programme: Programme, as_of: datetime.date) -> dict:
    """The programme's partnerships begun by the date, with their counts, and the organisations per kind.

    The counts are kept next to the list, so what reads them (the comparison with the year
    before, the dashboards) does not depend on which partnerships a document lists.
    """
    partnerships = (
        Partnership.objects.filter(programme=programme, started_on__lte=as_of)
        .annotate(members_count=Count("members"))
        .order_by("name", "pk")
    )
    kinds = dict(Organisation.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    rows = [
        {
            "name": p.name,
            "purpose": p.purpose,
            "started_on": p.started_on,
            "ended_on": p.ended_on,
            "members": p.members_count,
            "active": p.ended_on is None or p.ended_on >= as_of,
        }
        for p in partnerships
    ]
    return {
        "partnerships": rows,
        "count": len(rows),
        "active_count": sum(1 for p in rows if p["active"]),
        "organisations_by_kind": [{"code": kind, "count": kinds.get(kind, 0)} for kind in Organisation.Kind.values],
    }


def active_partnerships(section: dict) -> int:
    """The partnerships running on the date of a frozen collaboration section.

    Snapshots frozen before the count was kept (``SNAPSHOT_VERSION`` 1) have only the list, which was complete.
    """
    if "active_count" in section:
        return section["active_count"]
    return sum(1 for p in section["partnerships"] if p["active"])


def programme_snapshot(*, programme: Programme, as_of: datetime.date) -> dict:
    """Every figure the dashboards and the annual analysis show, as plain data (not yet frozen)."""
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "programme": {
            "code": programme.code,
            **_names(programme),
            "starts_on": programme.starts_on,
            "ends_on": programme.ends_on,
        },
        "as_of": as_of,
        "action_lines": [
            {"code": line.code, **_names(line), "description": line.description}
            for line in programme.action_lines.order_by("order")
        ],
        "status_rules": {"on_track_share": kpis.ON_TRACK_SHARE, "at_risk_share": kpis.AT_RISK_SHARE},
        "kpis": kpi_section(programme, as_of),
        "budget": budget_section(programme, as_of),
        "municipalities": municipality_section(programme, as_of),
        "portfolio": portfolio_section(as_of),
        "collaboration": collaboration_section(programme, as_of),
    }
