"""What the KPI pages, the KPI export and the drill-down show, built from ``analysis.kpis`` results.

Nothing here computes a KPI figure: it formats the results of ``kpis.evaluate_all``
(value, status, trend) for people, and turns trends into charts with a text
alternative.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import ActionLine, Kpi
from analysis import kpis
from analysis.display import charts
from analysis.display.format import UNIT_COUNT, UNIT_EURO, UNIT_PERCENT, format_figure
from core.halves import half_year_label

UNITS = {Kpi.Unit.EURO: UNIT_EURO, Kpi.Unit.PERCENT: UNIT_PERCENT}


def kpi_unit(kpi: Kpi) -> str:
    return UNITS.get(kpi.unit, UNIT_COUNT)


def format_kpi_value(kpi: Kpi, value: Decimal | None) -> str:
    """A KPI figure in words and numbers; a milestone reads 'bereikt' or 'nog niet bereikt'."""
    if value is None:
        return gettext("geen gegevens")
    if kpi.unit == Kpi.Unit.MILESTONE:
        return gettext("bereikt") if value >= 1 else gettext("nog niet bereikt")
    return format_figure(value, kpi_unit(kpi))


def period_label(kpi: Kpi) -> str:
    """'per jaar' or 'uiterlijk 30 juni 2025'."""
    if kpi.period == Kpi.Period.PER_YEAR:
        return gettext("per jaar")
    return gettext("uiterlijk %(date)s") % {"date": date_format(kpi.deadline, "j F Y")}


def percent(share: Decimal | None) -> int | None:
    return None if share is None else int((share * 100).to_integral_value())


@dataclass
class KpiRow:
    """One KPI as the KPI page shows it."""

    result: kpis.KpiResult
    trend: charts.Chart | None = None

    @property
    def kpi(self) -> Kpi:
        return self.result.kpi

    @property
    def code(self) -> str:
        return self.kpi.code

    @property
    def label(self) -> str:
        return self.kpi.label

    @property
    def period(self) -> str:
        return period_label(self.kpi)

    @property
    def target_display(self) -> str:
        return format_kpi_value(self.kpi, self.kpi.target)

    @property
    def value(self) -> Decimal | None:
        return self.result.value

    @property
    def value_display(self) -> str:
        return format_kpi_value(self.kpi, self.result.value)

    @property
    def has_data(self) -> bool:
        return self.result.value is not None

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def status_label(self) -> str:
        return self.result.status_label

    @property
    def progress_bar(self) -> int | None:
        """The progress bar's fill, 0 to 100."""
        return self.result.progress_percent

    @property
    def progress(self) -> int | None:
        """Actual as a percentage of target, which may pass 100."""
        return percent(self.result.progress)

    @property
    def expected(self) -> int:
        """Where the straight line from start to deadline stands on the date, as a percentage."""
        return percent(self.result.expected_share)

    @property
    def measure_description(self) -> str:
        if self.kpi.measure_description:
            return self.kpi.measure_description_label
        if self.kpi.is_manual:
            return gettext("Handmatig vastgelegd door de staf")
        measure = kpis.MEASURES.get(self.kpi.measure)
        return str(measure.description) if measure else ""


@dataclass
class KpiGroup:
    action_line: ActionLine
    rows: list[KpiRow] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"actielijn-{self.action_line.code.lower()}"


def trend_text(kpi: Kpi, trend: list[tuple[datetime.date, Decimal | None]]) -> str:
    """The trend in words, for screen readers and for anyone who does not read charts."""
    values = "; ".join(f"{half_year_label(day)}: {format_kpi_value(kpi, value)}" for day, value in trend)
    return gettext("Waarde per halfjaar: %(values)s. Streefwaarde %(target)s.") % {
        "values": values,
        "target": format_kpi_value(kpi, kpi.target),
    }


def sparkline(result: kpis.KpiResult) -> charts.Chart | None:
    """A small trend of a KPI over the programme's half-years, or None with fewer than two points."""
    if len(result.trend) < 2:
        return None
    return charts.sparkline(
        title=gettext("Verloop van %(code)s per halfjaar") % {"code": result.kpi.code},
        description=trend_text(result.kpi, result.trend),
        x_labels=[half_year_label(day) for day, _value in result.trend],
        values=[value for _day, value in result.trend],
        target=result.kpi.target,
    )


def trend_chart(result: kpis.KpiResult) -> charts.Chart | None:
    """The drill-down's trend: a line over the half-years with the target as a dashed line, and its table."""
    if not result.trend:
        return None
    kpi = result.kpi
    return charts.line_chart(
        title=gettext("Verloop van %(code)s %(name)s") % {"code": kpi.code, "name": kpi.label},
        description=trend_text(kpi, result.trend),
        x_labels=[half_year_label(day) for day, _value in result.trend],
        series=[(gettext("Werkelijk"), [value for _day, value in result.trend])],
        target=kpi.target,
        target_label=gettext("Streefwaarde"),
        decimals=0 if all(v is None or v == v.to_integral_value() for _d, v in result.trend) else 1,
    )


def kpi_rows(results: list[kpis.KpiResult], *, with_charts: bool = True) -> list[KpiRow]:
    return [KpiRow(result, sparkline(result) if with_charts else None) for result in results]


def kpi_groups(rows: list[KpiRow]) -> list[KpiGroup]:
    """The rows per action line, in the programme's order."""
    groups: dict[int, KpiGroup] = {}
    for row in rows:
        line = row.kpi.action_line
        groups.setdefault(line.pk, KpiGroup(line)).rows.append(row)
    return list(groups.values())


def status_summary(rows: list[KpiRow]) -> list[tuple[str, str, int]]:
    """How many KPIs have each status: (code, label, count), in the usual order."""
    counts = dict.fromkeys(kpis.Status.values, 0)
    for row in rows:
        counts[row.status] += 1
    return [(code, str(kpis.Status(code).label), count) for code, count in counts.items()]


def status_rules() -> list[tuple[str, str, str]]:
    """The status rules of analysis.kpis with their labels: (code, label, rule in words)."""
    return [(code, str(kpis.Status(code).label), str(rule)) for code, rule in kpis.status_rules()]


# ---------------------------------------------------------------------------
# The KPI table as a file


def export_table(rows: list[KpiRow], *, as_of: datetime.date) -> tuple[list[str], list[list]]:
    """The KPI page's table for CSV and XLSX: one row per KPI, a column per half-year of the trend."""
    trend_days = [day for day, _value in rows[0].result.trend] if rows else []
    header = [
        gettext("Peildatum"),
        gettext("Actielijn"),
        gettext("Code"),
        gettext("KPI"),
        gettext("Periode"),
        gettext("Eenheid"),
        gettext("Streefwaarde"),
        gettext("Werkelijk"),
        gettext("Voortgang (%)"),
        gettext("Verwacht volgens de rechte lijn (%)"),
        gettext("Status"),
        gettext("Meetwijze"),
        *[half_year_label(day) for day in trend_days],
    ]
    body = []
    for row in rows:
        kpi = row.kpi
        trend = dict(row.result.trend)
        body.append(
            [
                as_of,
                f"{kpi.action_line.code} {kpi.action_line.label}",
                kpi.code,
                kpi.label,
                row.period,
                kpi.get_unit_display(),
                kpi.target,
                row.value,
                row.progress,
                row.expected,
                row.status_label,
                row.measure_description,
                *[trend.get(day) for day in trend_days],
            ]
        )
    return header, body
