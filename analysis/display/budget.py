"""What the budget page shows, built from ``analysis.budget.budget_position``: tables per year, charts."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from analysis.budget import BudgetCell, BudgetPosition
from analysis.display import charts
from analysis.display.format import UNIT_EURO, format_figure, local_name, number


def share(part: Decimal, whole: Decimal) -> int | None:
    return round(part / whole * 100) if whole else None


@dataclass
class BudgetLineRow:
    label: str
    cell: BudgetCell
    outruns_time: bool = False
    is_total: bool = False

    @property
    def spent_share(self) -> int | None:
        return share(self.cell.spent, self.cell.planned)

    @property
    def used_share(self) -> int | None:
        """Committed and spent together, as a share of the plan."""
        return share(self.cell.spent + self.cell.committed, self.cell.planned)


@dataclass
class YearTable:
    year: int
    time_share: int
    rows: list[BudgetLineRow]
    months: int = 12

    @property
    def partial(self) -> bool:
        return self.months < 12

    @property
    def anchor(self) -> str:
        return f"jaar-{self.year}"


def _label(row) -> str:
    return f"{row.action_line.code} {row.label}" if row.action_line else row.label


def year_tables(position: BudgetPosition) -> list[YearTable]:
    """Per year: planned, committed, spent and available per action line, then the year's total."""
    tables = []
    warned = {(w.label, w.year) for w in position.warnings}
    for year in position.years:
        rows = [
            BudgetLineRow(_label(row), row.years[year], outruns_time=(row.label, year) in warned)
            for row in position.rows
        ]
        rows.append(
            BudgetLineRow(gettext("Totaal %(year)s") % {"year": year}, position.year_totals[year], is_total=True)
        )
        tables.append(YearTable(year, round(position.time_share[year] * 100), rows, position.months.get(year, 0)))
    return tables


def total_rows(position: BudgetPosition) -> list[BudgetLineRow]:
    """Per action line over all years, then the programme's total."""
    rows = [BudgetLineRow(_label(row), row.total, outruns_time=row.outruns_time) for row in position.rows]
    rows.append(BudgetLineRow(gettext("Totaal"), position.total, is_total=True))
    return rows


@dataclass
class AverageRow:
    label: str
    average: Decimal
    is_total: bool = False


def average_rows(position: BudgetPosition) -> list[AverageRow]:
    """The plan's table as the plan states it: euros per year on average, per action line."""
    rows = [AverageRow(_label(row), row.average) for row in position.rows]
    rows.append(AverageRow(gettext("Totaal"), position.average, is_total=True))
    return rows


def _overcommitted_text(name: str, year: int, available: Decimal) -> str:
    return gettext(
        "%(name)s in %(year)s is overgecommitteerd: verplicht en uitgegeven liggen %(amount)s boven de begroting."
    ) % {"name": name, "year": year, "amount": format_figure(-available, UNIT_EURO)}


def overcommitted(position: BudgetPosition) -> list[str]:
    """Each line whose commitments and spending in a year exceed its plan, in one sentence."""
    return [_overcommitted_text(w.label, w.year, w.available) for w in position.overcommitted]


def overcommitted_frozen(budget: dict) -> list[str]:
    """The same sentences from a frozen snapshot; a snapshot from before this check has none."""
    return [
        _overcommitted_text(local_name(item), item["year"], available)
        for item in budget.get("overcommitted", [])
        if (available := number(item["available"])) is not None
    ]


def action_line_chart(position: BudgetPosition) -> charts.Chart:
    rows = position.rows
    return charts.stacked_bars(
        title=gettext("Begroting per actielijn, alle jaren"),
        description=gettext(
            "Staafdiagram per actielijn: uitgegeven en verplicht op elkaar gestapeld, met het begrote bedrag als "
            "streep. De cijfers staan in de tabel Begrotingspositie per actielijn hieronder."
        ),
        categories=[row.action_line.code if row.action_line else gettext("Overig") for row in rows],
        series=[
            (gettext("Uitgegeven"), [row.total.spent for row in rows]),
            (gettext("Verplicht"), [row.total.committed for row in rows]),
        ],
        reference=[row.total.planned for row in rows],
        reference_label=gettext("Begroot"),
    )


def year_chart(position: BudgetPosition) -> charts.Chart:
    years = position.years
    return charts.stacked_bars(
        title=gettext("Begroting per jaar"),
        description=gettext(
            "Staafdiagram per jaar: uitgegeven en verplicht op elkaar gestapeld, met het begrote bedrag als "
            "streep. De cijfers staan in de tabel onder het diagram."
        ),
        categories=[str(year) for year in years],
        series=[
            (gettext("Uitgegeven"), [position.year_totals[year].spent for year in years]),
            (gettext("Verplicht"), [position.year_totals[year].committed for year in years]),
        ],
        reference=[position.year_totals[year].planned for year in years],
        reference_label=gettext("Begroot"),
    )


def warnings(position: BudgetPosition) -> list[str]:
    """Each warning in one sentence: where spending runs ahead of the share of the year that has passed."""
    return [
        gettext(
            "%(name)s in %(year)s: %(spent)s%% van de begroting is uitgegeven, terwijl pas %(time)s%% van het jaar "
            "voorbij is."
        )
        % {
            "name": w.label,
            "year": w.year,
            "spent": round(w.spent_share * 100),
            "time": round(w.time_share * 100),
        }
        for w in position.warnings
    ]
