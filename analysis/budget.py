"""The programme's budget position: planned, committed and spent per action line and year.

The plan states its budget as an average per year (``BudgetLine``). A calendar year
plans that average pro rata to the months the programme runs in it: the 2023-2025
agenda runs until 30 June 2025, so 2025 plans half a year. Where staff entered a
year's real plan for an action line (``BudgetYearPlan``), that figure counts instead.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from agenda.models import ActionLine, Activity, BudgetYearPlan, Expenditure, Programme
from agenda.selectors import budget_averages, months_in_year, pro_rata, programme_years
from municipalities.models import Grant

# Spending counts as outrunning time when its share of the year's plan is this many
# percentage points ahead of the share of the year that has passed.
SPENDING_MARGIN = Decimal("0.10")
ZERO = Decimal(0)


@dataclass
class BudgetCell:
    """Planned, committed and spent euros for one action line in one year.

    ``entered`` says the plan is the year's real plan staff entered, not the pro-rata average.
    """

    planned: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    entered: bool = False

    @property
    def overcommitted(self) -> bool:
        return self.available < 0

    @property
    def available(self) -> Decimal:
        return self.planned - self.committed - self.spent

    @property
    def spent_share(self) -> Decimal | None:
        return self.spent / self.planned if self.planned else None

    def add(self, other: "BudgetCell") -> None:
        self.planned += other.planned
        self.committed += other.committed
        self.spent += other.spent


@dataclass
class BudgetRow:
    action_line: ActionLine | None
    label: str
    years: dict[int, BudgetCell] = field(default_factory=dict)
    total: BudgetCell = field(default_factory=BudgetCell)
    outruns_time: bool = False
    average: Decimal = ZERO  # the plan's table: euros per year on average


@dataclass(frozen=True)
class SpendingWarning:
    label: str
    year: int
    spent_share: Decimal
    time_share: Decimal


@dataclass(frozen=True)
class OvercommitWarning:
    """An action line whose commitments and spending in a year exceed its plan for that year."""

    label: str
    year: int
    available: Decimal


@dataclass
class BudgetPosition:
    """The budget of a programme as of a date: rows per action line, columns per year."""

    as_of: datetime.date
    years: list[int]
    rows: list[BudgetRow]
    total: BudgetCell
    year_totals: dict[int, BudgetCell]
    time_share: dict[int, Decimal]
    warnings: list[SpendingWarning]
    months: dict[int, int] = field(default_factory=dict)  # months the programme runs in each year
    average: Decimal = ZERO  # the plan's table, all lines: euros per year on average
    overcommitted: list[OvercommitWarning] = field(default_factory=list)


def grant_action_line(programme: Programme) -> ActionLine | None:
    """The action line the specific payments to municipalities belong to."""
    activity = (
        Activity.objects.filter(action_line__programme=programme, kind=Activity.Kind.GRANT)
        .select_related("action_line")
        .first()
    )
    return activity.action_line if activity else None


def share_of_year_passed(year: int, as_of: datetime.date) -> Decimal:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if as_of >= end:
        return Decimal(1)
    if as_of < start:
        return ZERO
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


def budget_position(*, programme: Programme, as_of: datetime.date) -> BudgetPosition:
    """Planned, committed and spent per action line and year; grants count as commitments.

    A year plans the average pro rata to its months unless staff entered its real plan.
    A grant's amount is spread evenly over its years. Six queries whatever the data size.
    """
    lines = list(programme.action_lines.order_by("order"))
    years = programme_years(programme)
    months = {year: months_in_year(programme, year) for year in years}
    cells: dict[int | None, dict[int, BudgetCell]] = defaultdict(lambda: defaultdict(BudgetCell))

    averages = budget_averages(programme=programme)
    for key, average in averages.items():
        for year in years:
            cells[key][year].planned = pro_rata(average, months[year])
    for plan in BudgetYearPlan.objects.filter(programme=programme).values("action_line", "year", "planned"):
        cell = cells[plan["action_line"]][plan["year"]]
        cell.planned, cell.entered = plan["planned"], True
    expenditures = (
        Expenditure.objects.filter(programme=programme, date__lte=as_of)
        .annotate(year=ExtractYear("date"))
        .values("action_line", "year", "kind")
        .annotate(total=Sum("amount"))
    )
    for row in expenditures:
        cell = cells[row["action_line"]][row["year"]]
        if row["kind"] == Expenditure.Kind.SPENT:
            cell.spent += row["total"]
        else:
            cell.committed += row["total"]
    grant_line = grant_action_line(programme)
    for grant in Grant.objects.filter(programme=programme, awarded_on__lte=as_of).only(
        "amount", "first_year", "last_year"
    ):
        for year in range(grant.first_year, grant.last_year + 1):
            cells[grant_line.pk if grant_line else None][year].committed += grant.amount_per_year

    years = sorted(set(years) | {year for by_year in cells.values() for year in by_year})
    months = {year: months.get(year, 0) for year in years}
    rows = [BudgetRow(line, line.label) for line in lines]
    if None in cells:
        rows.append(BudgetRow(None, gettext("Overige kosten (geen actielijn)")))
    total = BudgetCell()
    year_totals = {year: BudgetCell() for year in years}
    time_share = {year: share_of_year_passed(year, as_of) for year in years}
    warnings, overcommitted = [], []
    for row in rows:
        key = row.action_line.pk if row.action_line else None
        row.average = averages.get(key, ZERO)
        for year in years:
            cell = cells[key][year]
            row.years[year] = cell
            row.total.add(cell)
            year_totals[year].add(cell)
            share = cell.spent_share
            if share is not None and time_share[year] < 1 and share > time_share[year] + SPENDING_MARGIN:
                row.outruns_time = True
                warnings.append(SpendingWarning(row.label, year, share, time_share[year]))
            if cell.overcommitted:
                overcommitted.append(OvercommitWarning(row.label, year, cell.available))
        total.add(row.total)
    return BudgetPosition(
        as_of,
        years,
        rows,
        total,
        year_totals,
        time_share,
        warnings,
        months=months,
        average=sum(averages.values(), ZERO),
        overcommitted=overcommitted,
    )
