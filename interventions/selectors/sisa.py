"""SiSa: the yearly account of a specific payment, per municipality and year."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from interventions.models import Report, ReportingPeriod
from interventions.selectors.reports import ZERO, Budget, budgets_from, spending_by_year
from municipalities.models import Grant, Municipality


@dataclass
class SisaRow:
    municipality: Municipality
    budget: Budget
    year: int
    spending_in_year: Decimal
    cumulative: Decimal
    all_reports_accepted: bool

    @property
    def is_final(self) -> bool:
        """The last year of the grant: the municipality gives its final account."""
        return self.year == self.budget.last_year

    @property
    def carried_over(self) -> Decimal | None:
        """What remains for the following years; none in the final year, when nothing carries over."""
        if self.is_final:
            return None
        return max(self.budget.amount - self.cumulative, ZERO)


def sisa_summary(*, year: int) -> list[SisaRow]:
    """Per municipality with a grant covering the year: spending in the year, cumulative, carried over, final."""
    grants = list(
        Grant.objects.filter(
            municipality__in=Municipality.objects.filter(grants__first_year__lte=year, grants__last_year__gte=year)
        ).select_related("municipality")
    )
    by_municipality: dict[int, list[Grant]] = defaultdict(list)
    for grant in grants:
        by_municipality[grant.municipality_id].append(grant)
    spending = spending_by_year(municipality_ids=list(by_municipality))
    periods_in_year = ReportingPeriod.objects.filter(year=year).count()
    accepted = dict(
        Report.objects.filter(
            period__year=year, status=Report.Status.ACCEPTED, municipality_id__in=list(by_municipality)
        )
        .values_list("municipality_id")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "n")
    )
    rows = []
    for municipality_id, municipality_grants in by_municipality.items():
        per_year = {y: total for (m, y), total in spending.items() if m == municipality_id}
        for budget in budgets_from(municipality_grants, per_year):
            if not budget.covers(year):
                continue
            cumulative = sum((t for y, t in per_year.items() if budget.first_year <= y <= year), ZERO)
            rows.append(
                SisaRow(
                    municipality=municipality_grants[0].municipality,
                    budget=budget,
                    year=year,
                    spending_in_year=per_year.get(year, ZERO),
                    cumulative=cumulative,
                    all_reports_accepted=periods_in_year > 0 and accepted.get(municipality_id, 0) >= periods_in_year,
                )
            )
    rows.sort(key=lambda row: row.municipality.name)
    return rows


def sisa_years() -> list[int]:
    """Years for which some grant runs, newest first."""
    years: set[int] = set()
    for first, last in Grant.objects.values_list("first_year", "last_year").distinct():
        years.update(range(first, last + 1))
    return sorted(years, reverse=True)
