"""The programme's budget position: planned, committed and spent per action line and year."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from agenda.models import ActionLine, Activity, BudgetLine, Expenditure, Programme
from municipalities.models import Grant

# Spending counts as outrunning time when its share of the year's plan is this many
# percentage points ahead of the share of the year that has passed.
SPENDING_MARGIN = Decimal("0.10")
ZERO = Decimal(0)


@dataclass
class BudgetCell:
    """Planned, committed and spent euros for one action line in one year."""

    planned: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO

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


@dataclass(frozen=True)
class SpendingWarning:
    label: str
    year: int
    spent_share: Decimal
    time_share: Decimal


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

    A grant's amount is spread evenly over its years. Six queries whatever the data size.
    """
    lines = list(programme.action_lines.order_by("order"))
    years = sorted(set(BudgetLine.objects.filter(programme=programme).values_list("year", flat=True)))
    cells: dict[int | None, dict[int, BudgetCell]] = defaultdict(lambda: defaultdict(BudgetCell))

    for row in (
        BudgetLine.objects.filter(programme=programme).values("action_line", "year").annotate(total=Sum("planned"))
    ):
        cells[row["action_line"]][row["year"]].planned += row["total"]
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
        grant_years = range(grant.first_year, grant.last_year + 1)
        per_year = (grant.amount / len(grant_years)).quantize(Decimal("0.01"))
        for year in grant_years:
            cells[grant_line.pk if grant_line else None][year].committed += per_year

    years = sorted(set(years) | {year for by_year in cells.values() for year in by_year})
    rows = [BudgetRow(line, line.label) for line in lines]
    if None in cells:
        rows.append(BudgetRow(None, gettext("Overige kosten (geen actielijn)")))
    total = BudgetCell()
    year_totals = {year: BudgetCell() for year in years}
    time_share = {year: share_of_year_passed(year, as_of) for year in years}
    warnings = []
    for row in rows:
        key = row.action_line.pk if row.action_line else None
        for year in years:
            cell = cells[key][year]
            row.years[year] = cell
            row.total.add(cell)
            year_totals[year].add(cell)
            share = cell.spent_share
            if share is not None and time_share[year] < 1 and share > time_share[year] + SPENDING_MARGIN:
                row.outruns_time = True
                warnings.append(SpendingWarning(row.label, year, share, time_share[year]))
        total.add(row.total)
    return BudgetPosition(as_of, years, rows, total, year_totals, time_share, warnings)
