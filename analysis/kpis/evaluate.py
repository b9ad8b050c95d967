"""A KPI's value, result and members as of a date: the measures and the status rules put together."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agenda.models import Kpi, KpiMeasurement, Programme
from analysis.kpis.counting import format_day, format_number
from analysis.kpis.measures import MEASURES, Counted
from analysis.kpis.status import Status, counting_window, expected_share, half_year_ends, period_of, status_for


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
        return str(Status(self.status).label)


def values(kpis: Iterable[Kpi], dates: Sequence[datetime.date]) -> dict[int, dict[datetime.date, Decimal | None]]:
    """The actual value of each KPI on each date: {kpi.pk: {date: value or None}}.

    One query per measure in use, plus one for all manual measurements.
    """
    kpis = list(kpis)
    dates = sorted(set(dates))
    result: dict[int, dict[datetime.date, Decimal | None]] = {}
    cache: dict[tuple[int, str, bool], dict[datetime.date, Decimal]] = {}
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
        key = (kpi.programme_id, kpi.measure, per_year)
        if key not in cache:
            cache[key] = measure.values(kpi.programme, dates, per_year)
        result[kpi.pk] = {day: _before_start(kpi, day, cache[key][day]) for day in dates}
    return result


def _before_start(kpi: Kpi, day: datetime.date, value: Decimal) -> Decimal | None:
    # Before the programme started nothing was measured yet.
    return None if day < kpi.programme.starts_on else value


def _manual_values(kpis: list[Kpi], dates: Sequence[datetime.date]) -> dict[int, dict[datetime.date, Decimal | None]]:
    by_kpi: dict[int, list[tuple[datetime.date, Decimal]]] = {kpi.pk: [] for kpi in kpis}
    if kpis and dates:
        for kpi_id, measured_on, value in (
            # A withdrawn measurement was wrong: it counts on no date, also not before it was withdrawn.
            KpiMeasurement.objects.filter(kpi__in=kpis, measured_on__lte=max(dates), withdrawn_at__isnull=True)
            .order_by("measured_on")
            .values_list("kpi_id", "measured_on", "value")
        ):
            by_kpi[kpi_id].append((measured_on, value))
    result = {}
    for kpi in kpis:
        per_year = kpi.period == Kpi.Period.PER_YEAR
        series = {}
        for day in dates:
            start, end = counting_window(kpi.programme, day, per_year)
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


def members(kpi: Kpi, as_of: datetime.date) -> Sequence[Counted]:
    """Exactly which objects a KPI counts as of a date, and why each one counts.

    For a manual KPI: the measurements that apply, newest first.
    """
    if kpi.measure == Kpi.MANUAL:
        start, end = counting_window(kpi.programme, as_of, kpi.period == Kpi.Period.PER_YEAR)
        measurements = kpi.measurements.filter(
            measured_on__gte=start, measured_on__lte=end, withdrawn_at__isnull=True
        ).order_by("-measured_on")
        return [
            Counted(
                "measurement",
                m.pk,
                _("Waarde %(value)s op %(date)s")
                % {"value": format_number(m.value), "date": format_day(m.measured_on)},
                m.note or str(_("Vastgelegd door de programmastaf")),
            )
            for m in measurements
        ]
    measure = MEASURES.get(kpi.measure)
    if measure is None or as_of < kpi.programme.starts_on:
        return []
    return measure.members(kpi.programme, as_of, kpi.period == Kpi.Period.PER_YEAR)
