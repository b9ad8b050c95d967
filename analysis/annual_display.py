"""What the annual analysis PDF shows, built from its frozen data only.

Nothing here queries the database: every figure comes from the snapshot the task
froze, so one snapshot always renders to the same document. The tables and charts
of the dashboards are reused (``analysis.dashboard_display``), and every chart is
numbered, with the numbers behind it in the appendix.

A section that cannot be built from the data it was given (an old or damaged
snapshot) becomes a marked gap in the document, with the reason, instead of
stopping the whole analysis; ``AnalysisContent.gaps`` lists them.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from analysis import charts
from analysis.annual import AGE_BANDS, analysis_title
from analysis.dashboard_display import (
    budget_chart,
    budget_rows,
    collaboration,
    kpi_groups,
    municipality_map,
    municipality_summary,
    portfolio,
    status_summary,
)
from analysis.dashboards import UNIT_EURO, Comparison, compare, format_figure, local_name, number, status_label
from analysis.models import Advice
from interventions.models import Evaluation, Intervention
from municipalities.models import Organisation

logger = logging.getLogger(__name__)


@dataclass
class Gap:
    """A part of the analysis that could not be made from the data, and why."""

    section: str
    reason: str


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


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _date(value: str | None) -> str:
    day = _day(value)
    return date_format(day, "j F Y") if day else "–"


# ---------------------------------------------------------------------------
# KPIs per action line


def _kpi_chart(kpi: dict) -> charts.Chart | None:
    points = kpi["trend"]
    if len(points) < 2:
        return None
    labels = [_half_year(day) for day, _value in points]
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


def _half_year(day: str) -> str:
    date = datetime.date.fromisoformat(day)
    if (date.month, date.day) == (6, 30):
        return f"{date.year}-H1"
    if (date.month, date.day) == (12, 31):
        return f"{date.year}-H2"
    return date_format(date, "j M Y")


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
                    {**e, "held_on": _day(e["held_on"])}
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


def evaluations(data: dict) -> dict:
    section = data["year"]["evaluations"]
    return {
        "completed": [
            {
                **e,
                "completed_on": _day(e["completed_on"]),
                "kind_label": str(Evaluation.Kind(e["kind"]).label),
                "evidence_label": str(Intervention.EvidenceLevel(e["evidence_level"]).label),
            }
            for e in section["completed"]
        ],
        "running": section["running"],
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


# ---------------------------------------------------------------------------
# Advice


def advice(data: dict) -> dict:
    items = []
    for a in data["year"]["advice"]:
        items.append(
            {
                **a,
                "given_on": _day(a["given_on"]),
                "responded_on": _day(a["responded_on"]),
                "kind_label": str(Advice.Kind(a["kind"]).label),
                "follow_up_label": str(Advice.FollowUp(a["follow_up"]).label),
            }
        )
    counts = [
        (code, str(label), sum(1 for a in items if a["follow_up"] == code)) for code, label in Advice.FollowUp.choices
    ]
    return {"items": items, "counts": counts}


# ---------------------------------------------------------------------------
# What changed


def changes(data: dict) -> dict:
    previous = data.get("previous")
    if not previous:
        return {"comparison": None, "source": None, "sections": []}
    comparison = compare(previous, data)
    sections = []
    for section in comparison.sections:
        moved = [c for c in section.changes if c.direction != "same" or c.status_changed]
        sections.append({"title": section.title, "changes": moved, "unchanged": len(section.changes) - len(moved)})
    if previous["source"] == "analysis":
        source = gettext(
            "Vergeleken met de analyse over %(year)s, versie %(version)s (cijfers per %(date)s, controlegetal "
            "%(hash)s)."
        ) % {
            "year": data["analysis"]["year"] - 1,
            "version": previous["version"],
            "date": _date(previous["as_of"]),
            "hash": previous["data_hash"][:12],
        }
    else:
        source = gettext(
            "Over %(year)s is geen analyse gemaakt. De cijfers van toen zijn berekend uit de gegevens zoals ze "
            "er op %(date)s voor stonden."
        ) % {"year": data["analysis"]["year"] - 1, "date": _date(previous["as_of"])}
    return {"comparison": comparison, "source": source, "sections": sections}


# ---------------------------------------------------------------------------
# Summary


def summary(data: dict) -> dict:
    statuses = status_summary(data)
    total_kpis = len(data["kpis"])
    by_code = {code: count for code, _label, count in statuses}
    year = data["analysis"]["year"]
    budget_total = data["budget"]["total"]
    planned = number(budget_total["planned"])
    spent = number(budget_total["spent"])
    committed = number(budget_total["committed"])
    sentences = [
        ngettext(
            "Van de %(total)s KPI is er %(achieved)s behaald en %(on_track)s op koers.",
            "Van de %(total)s KPI's zijn er %(achieved)s behaald en %(on_track)s op koers.",
            total_kpis,
        )
        % {"total": total_kpis, "achieved": by_code["achieved"], "on_track": by_code["on_track"]},
    ]
    if by_code["at_risk"] or by_code["behind"]:
        sentences.append(
            gettext("%(at_risk)s KPI's lopen risico en %(behind)s liggen achter.")
            % {"at_risk": by_code["at_risk"], "behind": by_code["behind"]}
        )
    if by_code["no_data"]:
        sentences.append(
            ngettext(
                "Voor %(count)s KPI is nog niets gemeten.",
                "Voor %(count)s KPI's is nog niets gemeten.",
                by_code["no_data"],
            )
            % {"count": by_code["no_data"]}
        )
    portfolio_section = data["portfolio"]
    sentences.append(
        gettext(
            "Het programma telt %(total)s interventies, waarvan %(public)s in de openbare catalogus. In %(year)s "
            "zijn %(evaluated)s evaluaties afgerond."
        )
        % {
            "total": format_figure(number(portfolio_section["total"])),
            "public": format_figure(number(portfolio_section["public"])),
            "year": year,
            "evaluated": len(data["year"]["evaluations"]["completed"]),
        }
    )
    sentences.append(
        gettext(
            "Gemeenten bereikten volgens hun verslagen over %(year)s %(participants)s deelnemers en besteedden "
            "%(spending)s."
        )
        % {
            "year": year,
            "participants": format_figure(Decimal(data["year"]["reach"]["participants"])),
            "spending": format_figure(number(data["year"]["reach"]["spending"]), UNIT_EURO),
        }
    )
    if planned:
        sentences.append(
            gettext(
                "Van de totale begroting van %(planned)s is %(spent)s uitgegeven (%(share)s%%) en %(committed)s "
                "verplicht."
            )
            % {
                "planned": format_figure(planned, UNIT_EURO),
                "spent": format_figure(spent, UNIT_EURO),
                "share": round(spent / planned * 100),
                "committed": format_figure(committed, UNIT_EURO),
            }
        )
    status_chart = charts.horizontal_bars(
        title=gettext("KPI's naar status"),
        description=gettext(
            "Aantal KPI's per status op de peildatum: behaald, op koers, risico, achter, geen gegevens."
        ),
        labels=[label for _code, label, _count in statuses],
        values=[count for _code, _label, count in statuses],
        colours=[charts.STATUS_COLOURS[code] for code, _label, _count in statuses],
        value_header=gettext("KPI's"),
    )
    return {"statuses": statuses, "sentences": sentences, "status_chart": status_chart, "total_kpis": total_kpis}


def method(data: dict) -> list[tuple[str, str]]:
    """The status rules in words, from the thresholds frozen with the data."""
    rules = data["status_rules"]
    on_track = round(number(rules["on_track_share"]) * 100)
    at_risk = round(number(rules["at_risk_share"]) * 100)
    return [
        (
            status_label("achieved"),
            gettext("De werkelijke waarde is gelijk aan of hoger dan de streefwaarde."),
        ),
        (
            status_label("on_track"),
            gettext(
                "De voortgang is ten minste %(share)s%% van wat volgens de rechte lijn van start tot deadline "
                "verwacht mag worden."
            )
            % {"share": on_track},
        ),
        (
            status_label("at_risk"),
            gettext("De voortgang is %(low)s%% tot %(high)s%% van wat volgens de rechte lijn verwacht mag worden.")
            % {"low": at_risk, "high": on_track},
        ),
        (
            status_label("behind"),
            gettext(
                "De voortgang is minder dan %(share)s%% van het verwachte, of de deadline is verstreken zonder dat "
                "de streefwaarde is behaald."
            )
            % {"share": at_risk},
        ),
        (
            status_label("no_data"),
            gettext("Er is nog niets gemeten: geen vastgelegde waarde, of de meetwijze is onbekend."),
        ),
    ]


# ---------------------------------------------------------------------------


@dataclass
class AnalysisContent:
    context: dict
    gaps: list[Gap]
    charts: list[NumberedChart]


def _guarded(gaps: list[Gap], section: str, build: Callable[[], Any], empty: Any = None) -> Any:
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        logger.exception("annual analysis: section %s could not be built", section)
        gaps.append(
            Gap(
                section, gettext("De gegevens voor dit onderdeel zijn onvolledig (%(error)s).") % {"error": repr(error)}
            )
        )
        return empty


def analysis_content(data: dict, *, data_hash: str) -> AnalysisContent:
    """Everything the PDF shows, from the frozen data; a section that fails becomes a marked gap."""
    gaps: list[Gap] = []
    registry = ChartRegistry()
    meta = data["analysis"]
    year = meta["year"]
    # Built in the order the document shows them, so the figures are numbered in reading order.
    change_part = _guarded(
        gaps,
        gettext("Wat is er veranderd"),
        lambda: changes(data),
        {"comparison": None, "source": None, "sections": []},
    )
    comparison = change_part["comparison"]
    summary_part = _guarded(gaps, gettext("Samenvatting"), lambda: summary(data))
    status_chart = registry.add(summary_part["status_chart"]) if summary_part else None
    municipality_figures = _guarded(gaps, gettext("Gemeenten"), lambda: municipality_summary(data, comparison), [])
    chapters = _guarded(
        gaps, gettext("KPI's per actielijn"), lambda: action_line_chapters(data, comparison, registry), []
    )
    portfolio_part = _guarded(gaps, gettext("Interventies"), lambda: portfolio(data, comparison))
    portfolio_chart_part = _guarded(gaps, gettext("Interventies"), lambda: portfolio_charts(data, registry), {})
    evaluation_part = _guarded(gaps, gettext("Evaluaties"), lambda: evaluations(data), {"completed": [], "running": 0})
    map_chart = _guarded(gaps, gettext("Kaart"), lambda: registry.add(municipality_map(data)))
    reporting_part = _guarded(gaps, gettext("Gemeenten"), lambda: reporting(data, registry))
    collaboration_part = _guarded(gaps, gettext("Samenwerking"), lambda: collaboration(data, comparison))
    organisations = _guarded(gaps, gettext("Samenwerking"), lambda: registry.add(organisations_chart(data)))
    budget_table = _guarded(gaps, gettext("Begroting"), lambda: budget_rows(data, comparison), [])
    budget_line_chart = _guarded(gaps, gettext("Begroting"), lambda: registry.add(budget_chart(data)))
    budget_year_figure = _guarded(gaps, gettext("Begroting"), lambda: registry.add(budget_year_chart(data)))
    budget_per_year = _guarded(gaps, gettext("Begroting"), lambda: budget_years(data), [])
    advice_part = _guarded(
        gaps, gettext("Advies van de klankbordgroep"), lambda: advice(data), {"items": [], "counts": []}
    )
    for chapter in chapters or []:
        for row, _chart, gap in chapter.kpi_charts:
            if gap and row.value is None and data_error(data, row.code):
                gaps.append(Gap(row.code, gap))
    context = {
        "data": data,
        "title": analysis_title(year),
        "year": year,
        "version": meta["version"],
        "as_of": _day(data["as_of"]),
        "complete_year": meta["complete_year"],
        "reports_counted_on": _day(meta["reports_counted_on"]),
        "programme": local_name(data["programme"]),
        "programme_start": _day(data["programme"]["starts_on"]),
        "programme_end": _day(data["programme"]["ends_on"]),
        "data_hash": data_hash,
        "summary": summary_part,
        "status_chart": status_chart,
        "chapters": chapters,
        "portfolio": portfolio_part,
        "portfolio_charts": portfolio_chart_part,
        "evaluations": evaluation_part,
        "map": map_chart,
        "municipality_figures": municipality_figures,
        "reporting": reporting_part,
        "collaboration": collaboration_part,
        "organisations": organisations,
        "budget_rows": budget_table,
        "budget_chart": budget_line_chart,
        "budget_years": budget_per_year,
        "budget_year_chart": budget_year_figure,
        "budget_warnings": data["budget"].get("warnings", []),
        "advice": advice_part,
        "changes": change_part,
        "method": method(data),
        "gaps": gaps,
        "figures": registry.items,
    }
    return AnalysisContent(context, gaps, registry.items)


def data_error(data: dict, code: str) -> str:
    """The error frozen with a KPI that could not be computed (e.g. an unknown measure), or ''."""
    return next((k.get("error", "") for k in data["kpis"] if k["code"] == code), "")
