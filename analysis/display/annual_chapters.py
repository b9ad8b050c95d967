"""The chapters of the annual analysis PDF: KPIs per action line, interventions, evaluations, reporting,
collaboration and the budget per year, each with its numbered charts.

Built from the frozen data only, like the rest of ``analysis.display.annual``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext

from analysis.annual import AGE_BANDS
from analysis.comparison import Comparison
from analysis.display import charts
from analysis.display.dashboard import (
    kpi_groups,
)
from analysis.display.format import UNIT_EURO, format_figure, local_name, number
from core.halves import half_year_label
from interventions.models import Evaluation, Intervention
from municipalities.models import Organisation

# A national analysis summarises and points to the registers for the full lists: at most this many
# of the year's completed evaluations in the table, findings of at most this many of them, and at
# most this many partnerships.
EVALUATIONS_SHOWN = 40
FINDINGS_SHOWN = 10
PARTNERSHIPS_SHOWN = 40


@dataclass
class NumberedChart:
    number: int
    chart: charts.Chart
    anchor: str

    @property
    def caption(self) -> str:
        return gettext("Figuur %(number)s. %(title)s") % {"number": self.number, "title": self.chart.title}

    @property
    def table_caption(self) -> str:
        return gettext("Tabel B%(number)s. %(title)s") % {"number": self.number, "title": self.chart.title}


@dataclass
class ChartRegistry:
    """Numbers the charts in the order they appear; the appendix lists their tables in that order."""

    items: list[NumberedChart] = field(default_factory=list)

    def add(self, chart: charts.Chart | None) -> NumberedChart | None:
        if chart is None:
            return None
        numbered = NumberedChart(len(self.items) + 1, chart, f"figuur-{len(self.items) + 1}")
        self.items.append(numbered)
        return numbered


def parse_day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# The register pages the analysis points to for its full lists. Their paths are written out rather than
# reversed: reversing loads the portal's whole URL configuration, every view with it, which costs a
# fresh PDF worker about two seconds; a test holds them to the URL configuration.
REGISTER_PATHS = {
    # The public catalogue: every intervention's page lists its evaluations with their findings, and
    # a published analysis is read by people who cannot open the staff's registers.
    "interventions:catalogue": "/interventies/",
    "municipalities:partnership_list": "/register/samenwerkingsverbanden/",
}


def register_url(name: str) -> str:
    """The full address of a register page of the portal, for a reader of the PDF to follow."""
    return settings.SITE_URL + REGISTER_PATHS[name]


def long_date(value: str | None) -> str:
    day = parse_day(value)
    return date_format(day, "j F Y") if day else "–"


# ---------------------------------------------------------------------------
# KPIs per action line


def _kpi_chart(kpi: dict) -> charts.Chart | None:
    points = kpi["trend"]
    if len(points) < 2:
        return None
    labels = [half_year_label(day) for day, _value in points]
    values = [number(value) for _day_, value in points]
    return charts.line_chart(
        title=gettext("%(code)s %(name)s: verloop per halfjaar") % {"code": kpi["code"], "name": local_name(kpi)},
        description=gettext(
            "Lijn van de werkelijke waarde van %(code)s aan het eind van elk halfjaar, met de streefwaarde "
            "%(target)s als stippellijn."
        )
        % {"code": kpi["code"], "target": format_figure(number(kpi["target"]))},
        x_labels=labels,
        series=[(gettext("Werkelijk"), values)],
        target=number(kpi["target"]),
        width=640,
        height=210,
    )


@dataclass
class ActionLineChapter:
    code: str
    title: str
    description: str
    kpis: list
    kpi_charts: list[tuple[Any, NumberedChart | None, str]]
    activities: list[dict]
    events: list[dict]


def action_line_chapters(data: dict, comparison: Comparison | None, registry: ChartRegistry) -> list[ActionLineChapter]:
    groups = {group.code: group for group in kpi_groups(data, comparison)}
    frozen = {kpi["code"]: kpi for kpi in data["kpis"]}
    chapters = []
    for line in data["action_lines"]:
        group = groups.get(line["code"])
        rows = group.rows if group else []
        kpi_charts = []
        for row in rows:
            kpi = frozen[row.code]
            gap = kpi.get("error") or ""
            if not gap and kpi["value"] is None:
                gap = gettext(
                    "Er is voor deze KPI nog niets gemeten op de peildatum. Dat is iets anders dan nul: de waarde "
                    "is onbekend."
                )
            kpi_charts.append((row, None if kpi.get("error") else registry.add(_kpi_chart(kpi)), gap))
        chapters.append(
            ActionLineChapter(
                code=line["code"],
                title=f"{line['code']} {local_name(line)}",
                description=line.get("description", ""),
                kpis=rows,
                kpi_charts=kpi_charts,
                activities=[a for a in data.get("activities", []) if a["code"] == line["code"]],
                events=[
                    {**e, "held_on": parse_day(e["held_on"])}
                    for e in data["year"]["events"]
                    if e["action_line"] == line["code"]
                ],
            )
        )
    return chapters


# ---------------------------------------------------------------------------
# Interventions


def portfolio_charts(data: dict, registry: ChartRegistry) -> dict:
    section = data["portfolio"]
    evidence = charts.horizontal_bars(
        title=gettext("Interventies naar bewijskracht"),
        description=gettext(
            "Aantal interventies op elke trede van de erkenningsladder voor sociale interventies, van niet "
            "beoordeeld tot sterke aanwijzingen voor effectiviteit."
        ),
        labels=[str(Intervention.EvidenceLevel(item["code"]).label) for item in section["evidence"]],
        values=[item["count"] for item in section["evidence"]],
        value_header=gettext("Interventies"),
    )
    stages = charts.horizontal_bars(
        title=gettext("Interventies naar fase"),
        description=gettext("Aantal interventies in elke fase, van idee tot geëvalueerd."),
        labels=[str(Intervention.Stage(item["code"]).label) for item in section["stages"]],
        values=[item["count"] for item in section["stages"]],
        value_header=gettext("Interventies"),
        colours=[charts.PALETTE[4]] * len(section["stages"]),
    )
    phenomena = charts.horizontal_bars(
        title=gettext("Maatschappelijke fenomenen waarop interventies zich richten"),
        description=gettext("Aantal interventies per fenomeen; een interventie kan zich op meer fenomenen richten."),
        labels=[local_name(p) for p in section["phenomena"]],
        values=[p["count"] for p in section["phenomena"]],
        value_header=gettext("Interventies"),
        colours=[charts.PALETTE[2]] * len(section["phenomena"]),
    )
    outcomes = data["year"]["reach"]["outcomes"]
    rated = [o for o in outcomes if o["ratings"]]
    outcome_chart = None
    if rated:
        outcome_chart = charts.horizontal_bars(
            title=gettext("Zelfbeoordeeld resultaat per beschermende factor"),
            description=gettext(
                "Gemiddelde score (1 geen resultaat zichtbaar tot 5 zeer goed resultaat) die gemeenten in hun "
                "verslagen over het jaar gaven, per beschermende factor."
            ),
            labels=[f"{o['code']} {local_name(o)}" for o in rated],
            values=[number(o["average"]) for o in rated],
            value_header=gettext("Gemiddelde score"),
            decimals=1,
            colours=[charts.PALETTE[1]] * len(rated),
        )
    # Numbered in the order the chapter shows them.
    phenomena_figure = registry.add(phenomena)
    evidence_figure = registry.add(evidence)
    stages_figure = registry.add(stages)
    return {
        "phenomena": phenomena_figure,
        "evidence": evidence_figure,
        "stages": stages_figure,
        "outcomes": registry.add(outcome_chart),
        "outcome_rows": outcomes,
    }


def evidence_rank(level: str) -> int:
    """Higher for stronger evidence: the recognition scale lists its levels lowest first."""
    return Intervention.EvidenceLevel.values.index(level)


def strongest_first(rows: list[dict]) -> list[dict]:
    """The strongest evidence first, then the most recently completed, then by title."""
    by_title = sorted(rows, key=lambda e: e["title"])
    return sorted(by_title, key=lambda e: (evidence_rank(e["evidence_level"]), e["completed_on"]), reverse=True)


def evaluations(data: dict) -> dict:
    """The year's completed evaluations: all of them when they fit, else a selection, with how many are left out.

    The frozen data keeps every evaluation completed in the year (the year's record), so the
    counts are exact and the selection is made here, the same way for every version.
    """
    section = data["year"]["evaluations"]
    completed = [
        {
            **e,
            "completed_on": parse_day(e["completed_on"]),
            "kind_label": str(Evaluation.Kind(e["kind"]).label),
            "evidence_label": str(Intervention.EvidenceLevel(e["evidence_level"]).label),
        }
        for e in section["completed"]
    ]
    # In the order of completion while the whole year fits; else the strongest evidence first.
    shown = completed if len(completed) <= EVALUATIONS_SHOWN else strongest_first(completed)[:EVALUATIONS_SHOWN]
    with_findings = [e for e in completed if e["findings"]]
    if len(with_findings) <= FINDINGS_SHOWN:
        findings = with_findings
    else:
        findings = strongest_first(with_findings)[:FINDINGS_SHOWN]
    return {
        "completed": shown,
        "count": len(completed),
        "not_shown": len(completed) - len(shown),
        "findings": findings,
        "findings_count": len(with_findings),
        "findings_not_shown": len(with_findings) - len(findings),
        "running": section["running"],
        "register_url": register_url("interventions:catalogue"),
    }


# ---------------------------------------------------------------------------
# Municipalities


def report_state_label(code: str) -> str:
    return {
        "on_time": gettext("op tijd"),
        "late": gettext("te laat"),
        "missing": gettext("ontbreekt"),
        "open": gettext("nog niet verschuldigd"),
        "none": gettext("geen periode"),
    }[code]


def reporting(data: dict, registry: ChartRegistry) -> dict:
    rows = []
    counts = dict.fromkeys(("on_time", "late", "missing"), 0)
    for row in data["year"]["reporting"]:
        for state in row["reports"].values():
            if state in counts:
                counts[state] += 1
        rows.append(
            {
                **row,
                "grant_display": format_figure(number(row["grant_total"]), UNIT_EURO),
                "spending_display": format_figure(number(row["spending"]), UNIT_EURO),
                "cumulative_display": format_figure(number(row["spending_cumulative"]), UNIT_EURO),
                "cumulative_share": (
                    round(number(row["spending_cumulative"]) / number(row["grant_total"]) * 100)
                    if number(row["grant_total"])
                    else None
                ),
                "h1": row["reports"]["1"],
                "h2": row["reports"]["2"],
                "h1_label": report_state_label(row["reports"]["1"]),
                "h2_label": report_state_label(row["reports"]["2"]),
            }
        )
    compliance = None
    if any(counts.values()):
        compliance = charts.horizontal_bars(
            title=gettext("Halfjaarverslagen over het jaar"),
            description=gettext(
                "Aantal verslagen over de halfjaren van het jaar dat op tijd of te laat werd ingediend, en het "
                "aantal dat na de uiterste datum ontbrak."
            ),
            labels=[report_state_label(state).capitalize() for state in counts],
            values=list(counts.values()),
            value_header=gettext("Verslagen"),
            colours=[
                charts.STATUS_COLOURS["achieved"],
                charts.STATUS_COLOURS["at_risk"],
                charts.STATUS_COLOURS["behind"],
            ],
        )
    reach = data["year"]["reach"]
    band_labels = {
        "participants_0_11": gettext("0-11 jaar"),
        "participants_12_17": gettext("12-17 jaar"),
        "participants_18_26": gettext("18-26 jaar"),
        "participants_27_64": gettext("27-64 jaar"),
        "participants_65_plus": gettext("65 jaar en ouder"),
    }
    bands = [reach["age_bands"][band] for band in AGE_BANDS]
    age_chart = None
    if any(bands):
        age_chart = charts.horizontal_bars(
            title=gettext("Bereikte deelnemers naar leeftijd"),
            description=gettext(
                "Aantal deelnemers per leeftijdsgroep volgens de verslagen over het jaar. Niet elke gemeente "
                "deelt het bereik naar leeftijd uit, dus de groepen tellen niet altijd op tot het totaal."
            ),
            labels=[band_labels[band] for band in AGE_BANDS],
            values=bands,
            value_header=gettext("Deelnemers"),
        )
    age_figure = registry.add(age_chart)
    return {
        "rows": rows,
        "counts": counts,
        "age": age_figure,
        "compliance": registry.add(compliance),
        "participants": reach["participants"],
        "spending": number(reach["spending"]),
        "items": reach["items"],
    }


# ---------------------------------------------------------------------------
# Collaboration and budget


def organisations_chart(data: dict) -> charts.Chart:
    kinds = data["collaboration"]["organisations_by_kind"]
    return charts.horizontal_bars(
        title=gettext("Organisaties naar soort"),
        description=gettext("Aantal organisaties in het register van het programma, per soort organisatie."),
        labels=[str(Organisation.Kind(item["code"]).label) for item in kinds],
        values=[item["count"] for item in kinds],
        value_header=gettext("Organisaties"),
        colours=[charts.PALETTE[3]] * len(kinds),
    )


def partnerships_of_year(data: dict) -> dict:
    """The partnerships that mattered in the year, with the counts to say how many there were.

    All that ran at some time in the year when they fit; else those that began or ended in it
    (the largest first when even those are too many). The frozen list holds every partnership
    begun by the date, so the year's counts come from it; the count since the start is stored
    with it (older snapshots: the length of the list).
    """
    section = data["collaboration"]
    year = data["analysis"]["year"]
    as_of = parse_day(data["as_of"])
    first_day = datetime.date(year, 1, 1)
    running = []
    for p in section["partnerships"]:
        started_on, ended_on = parse_day(p["started_on"]), parse_day(p["ended_on"])
        if ended_on is None or ended_on >= first_day:
            running.append(
                {
                    **p,
                    "started_on": started_on,
                    "ended_on": ended_on,
                    "started_in_year": started_on >= first_day,
                    # As in the snapshot, a partnership still runs on its last day.
                    "ended_in_year": ended_on is not None and ended_on < as_of,
                }
            )
    started = sum(1 for p in running if p["started_in_year"])
    ended = sum(1 for p in running if p["ended_in_year"])
    if len(running) <= PARTNERSHIPS_SHOWN:
        listed, selection = running, "running"
    else:
        listed, selection = [p for p in running if p["started_in_year"] or p["ended_in_year"]], "changed"
    shown = listed
    if len(listed) > PARTNERSHIPS_SHOWN:
        shown = sorted(listed, key=lambda p: (-p["members"], p["name"]))[:PARTNERSHIPS_SHOWN]
    return {
        "rows": shown,
        "selection": selection,
        "listed": len(listed),
        "not_shown": len(listed) - len(shown),
        "running": len(running),
        "started": started,
        "ended": ended,
        "total": section.get("count", len(section["partnerships"])),
        "register_url": register_url("municipalities:partnership_list"),
    }


@dataclass
class BudgetYear:
    year: int
    rows: list[tuple[str, Decimal, Decimal, Decimal, bool]]
    total: tuple[Decimal, Decimal, Decimal]
    time_share: int


def budget_years(data: dict) -> list[BudgetYear]:
    budget = data["budget"]
    result = []
    for year in budget["years"]:
        key = str(year)
        rows = []
        for row in budget["rows"]:
            cell = row["years"].get(key, {"planned": 0, "committed": 0, "spent": 0})
            label = f"{row['action_line']} {local_name(row)}" if row["action_line"] else local_name(row)
            warned = any(w["year"] == year and w["name"] == row["name"] for w in budget["warnings"])
            rows.append((label, number(cell["planned"]), number(cell["committed"]), number(cell["spent"]), warned))
        total = tuple(sum((r[i] for r in rows), Decimal(0)) for i in (1, 2, 3))
        result.append(BudgetYear(year, rows, total, round(number(budget["time_share"].get(key, 0)) * 100)))
    return result


def budget_year_chart(data: dict) -> charts.Chart:
    years = budget_years(data)
    return charts.stacked_bars(
        title=gettext("Begroting per jaar"),
        description=gettext(
            "Uitgegeven en verplicht per jaar over alle actielijnen, met de begroting van dat jaar als streep."
        ),
        categories=[str(y.year) for y in years],
        series=[
            (gettext("Uitgegeven"), [y.total[2] for y in years]),
            (gettext("Verplicht"), [y.total[1] for y in years]),
        ],
        reference=[y.total[0] for y in years],
        reference_label=gettext("Begroot"),
    )
