"""Checks of a report's figures against the municipality's previous half-year and its grant's pace.

A figure stands out when it is at least `factor` times larger or smaller than the same
intervention's figure in the municipality's report on the previous half-year (a factor
staff may set per field, `DEFAULT_FACTOR` otherwise), and spending stands out when the
report's spending in all adds up to more than the grant's pace: the grants covering the
year, spread over their years, for half a year. The checks are soft: they ask for an
explanation, they never stop a save.

An empty figure (None) is "not filled in": it is never checked, and an empty or zero
figure in the previous half-year gives nothing to compare with.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import formats
from django.utils.text import capfirst

from interventions.models import Report, ReportCheckFactor, ReportingPeriod, ReportItem, ReportItemCheck
from municipalities.models import Grant

CHECKED_FIELDS = ("participants_total", *ReportItem.AGE_BANDS, "spending")
DEFAULT_FACTOR = Decimal("5")
ZERO = Decimal("0")

Figures = Mapping[str, Any]


def field_label(name: str) -> str:
    """The name of a checked field as the report form shows it: "Uitgaven (euro)"."""
    return str(capfirst(ReportItem._meta.get_field(name).verbose_name))


def format_factor(value: Decimal) -> str:
    """A factor as people write it: 5, 2,5 (English: 2.5)."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True)


def previous_half(period: ReportingPeriod) -> tuple[int, int]:
    """(year, half) of the half-year before the period."""
    return (period.year, 1) if period.half == 2 else (period.year - 1, 2)


def configured_check_factors() -> dict[str, Decimal]:
    """The factors staff set, by field; a field not in it uses the default. One query."""
    return dict(ReportCheckFactor.objects.filter(field__in=CHECKED_FIELDS).values_list("field", "factor"))


def check_factors() -> dict[str, Decimal]:
    """The factor of every checked field: the one staff set, or the default. One query."""
    configured = configured_check_factors()
    return {name: configured.get(name, DEFAULT_FACTOR) for name in CHECKED_FIELDS}


def check_factor_history() -> QuerySet:
    """Every change to the factors, newest first, with who made it."""
    return ReportCheckFactor.history.select_related("history_user").order_by("-history_date", "-history_id")


def previous_figures(*, report: Report) -> dict[int, dict[str, Any]]:
    """The checked figures per intervention id in the municipality's report on the previous half-year; one query."""
    year, half = previous_half(report.period)
    rows = ReportItem.objects.filter(
        report__municipality_id=report.municipality_id, report__period__year=year, report__period__half=half
    ).values("intervention_id", *CHECKED_FIELDS)
    return {row.pop("intervention_id"): row for row in rows}


def half_year_pace(*, grants: Iterable[Grant], year: int) -> Decimal | None:
    """What the grants covering the year allow for half a year at their pace; None without such a grant."""
    covering = [grant for grant in grants if grant.covers(year)]
    if not covering:
        return None
    return (sum((grant.amount_per_year for grant in covering), ZERO) / 2).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CheckBasis:
    """What a report's figures are checked against."""

    previous: dict[int, dict[str, Any]]
    factors: dict[str, Decimal]
    pace: Decimal | None


def check_basis(*, report: Report, grants: Iterable[Grant] | None = None) -> CheckBasis:
    """The previous half-year's figures, the factors and the pace for one report.

    Two queries, three without ``grants`` (pass the grants a page has loaded already).
    """
    if grants is None:
        grants = Grant.objects.filter(
            municipality_id=report.municipality_id,
            first_year__lte=report.period.year,
            last_year__gte=report.period.year,
        ).only("amount", "first_year", "last_year")
    return CheckBasis(
        previous=previous_figures(report=report),
        factors=check_factors(),
        pace=half_year_pace(grants=grants, year=report.period.year),
    )


@dataclass(frozen=True)
class Flag:
    """One figure that stood out, with what it was compared with."""

    field: str
    current: Decimal
    previous: Decimal | None = None
    factor: Decimal | None = None
    change: str = ""  # ReportItemCheck.Change, or "" when only the pace is passed
    over_pace: bool = False
    pace: Decimal | None = None
    report_spending: Decimal | None = None

    @property
    def label(self) -> str:
        return field_label(self.field)


def figure_change(*, current: Any, previous: Any, factor: Decimal) -> str:
    """ "larger" or "smaller" when the figure moved by at least the factor, else ""."""
    if current is None or not previous:
        return ""
    current, previous = Decimal(current), Decimal(previous)
    if current >= previous * factor:
        return ReportItemCheck.Change.LARGER
    if current * factor <= previous:
        return ReportItemCheck.Change.SMALLER
    return ""


def report_spending(figures: Mapping[int, Figures]) -> Decimal:
    """The spending of all items together; an empty amount counts as nothing."""
    return sum((Decimal(values["spending"]) for values in figures.values() if values.get("spending")), ZERO)


def report_flags(*, basis: CheckBasis, figures: Mapping[int, Figures]) -> dict[int, list[Flag]]:
    """The figures that stand out, per intervention id, for the items' figures given per intervention id."""
    spent = report_spending(figures)
    over_pace = basis.pace is not None and spent > basis.pace
    flags: dict[int, list[Flag]] = {}
    for intervention_id, values in figures.items():
        previous = basis.previous.get(intervention_id, {})
        found = []
        for name in CHECKED_FIELDS:
            current = values.get(name)
            if current is None:
                continue
            factor = basis.factors.get(name, DEFAULT_FACTOR)
            change = figure_change(current=current, previous=previous.get(name), factor=factor)
            pace_passed = name == "spending" and over_pace and Decimal(current) > 0
            if change or pace_passed:
                found.append(
                    Flag(
                        field=name,
                        current=Decimal(current),
                        previous=Decimal(previous[name]) if previous.get(name) is not None else None,
                        factor=factor if change else None,
                        change=change,
                        over_pace=pace_passed,
                        pace=basis.pace if pace_passed else None,
                        report_spending=spent if pace_passed else None,
                    )
                )
        if found:
            flags[intervention_id] = found
    return flags


def item_figures(item: ReportItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in CHECKED_FIELDS}
