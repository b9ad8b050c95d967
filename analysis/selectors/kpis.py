"""Reads behind the KPI pages: which programme, its KPIs, the measurements of a manual KPI, drill-down links.

The figures themselves come from analysis.kpis only.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from agenda.models import Kpi, KpiMeasurement, Programme
from analysis import kpis
from municipalities.models import Municipality


def default_as_of(programme: Programme, *, today: datetime.date) -> datetime.date:
    """Today, or the programme's last day once it has ended: the date its targets were set for."""
    return min(today, programme.ends_on)


def kpi_list(*, programme: Programme) -> QuerySet[Kpi]:
    """The programme's KPIs in the order of the action lines, ready for analysis.kpis."""
    return kpis.programme_kpis(programme)


def kpi_get(*, programme: Programme, code: str) -> Kpi | None:
    return kpi_list(programme=programme).filter(code=code).first()


def measurement_list(*, kpi: Kpi) -> QuerySet[KpiMeasurement]:
    """Every measurement of a manual KPI, newest first, with who recorded it."""
    return kpi.measurements.select_related("recorded_by").order_by("-measured_on")


def measurement_export_list(*, kpi_queryset: QuerySet[Kpi], as_of: datetime.date) -> QuerySet[KpiMeasurement]:
    """The measurements of these KPIs up to a date, withdrawn ones too, in the order of the KPI table."""
    return (
        KpiMeasurement.objects.filter(kpi__in=kpi_queryset.values("pk"), measured_on__lte=as_of)
        .select_related("kpi__action_line", "recorded_by")
        .order_by("kpi__action_line__order", "kpi__order", "kpi__code", "measured_on", "pk")
    )


def measurement_get(*, kpi: Kpi, pk: int) -> KpiMeasurement | None:
    return measurement_list(kpi=kpi).filter(pk=pk).first()


@dataclass(frozen=True)
class HistoryLine:
    when: datetime.datetime
    who: str
    kind: str
    measured_on: datetime.date
    value: object
    note: str


def measurement_history(*, kpi: Kpi, limit: int = 25) -> list[HistoryLine]:
    """Every change to a KPI's measurements, newest first: who recorded or corrected which value, and when."""
    records = (
        KpiMeasurement.history.filter(kpi_id=kpi.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [
        HistoryLine(
            when=record.history_date,
            who=(record.history_user.get_full_name() or record.history_user.get_username())
            if record.history_user
            else "",
            kind=record.history_type,
            measured_on=record.measured_on,
            value=record.value,
            note=record.note,
        )
        for record in records
    ]


@dataclass(frozen=True)
class CountedRow:
    """One object a KPI counts, with a link to its page in the portal where there is one."""

    kind: str
    label: str
    reason: str
    url: str | None


def _safe_reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def counted_rows(members: Sequence[kpis.Counted]) -> list[CountedRow]:
    """The drill-down rows of ``kpis.members``, each linked to its register page; one query for municipalities."""
    members = list(members)  # a list read from the database page by page is read here once, whole
    codes = {}
    municipality_pks = [m.pk for m in members if m.kind == "municipality"]
    if municipality_pks:
        codes = dict(Municipality.objects.filter(pk__in=municipality_pks).values_list("pk", "cbs_code"))
    links = {
        "intervention": lambda m: _safe_reverse("interventions:intervention_detail", m.pk),
        "municipality": lambda m: _safe_reverse("municipalities:municipality_detail", codes[m.pk])
        if m.pk in codes
        else None,
        "organisation": lambda m: _safe_reverse("municipalities:organisation_detail", m.pk),
        "partnership": lambda m: _safe_reverse("municipalities:partnership_detail", m.pk),
        "dashboard": lambda m: _safe_reverse("analysis:dashboard_detail", m.pk),
        "event": lambda m: _safe_reverse("agenda:event_detail", m.pk),
        "research_result": lambda m: _safe_reverse("agenda:research_detail", m.pk),
        "policy_inventory": lambda m: _safe_reverse("agenda:inventory_detail", m.pk),
    }
    return [
        CountedRow(kind=m.kind, label=m.label, reason=m.reason, url=links[m.kind](m) if m.kind in links else None)
        for m in members
    ]
