"""The chapter "Hoe veerkrachtig is Nederland?" of the annual analysis, and the indicator pages' figures.

Built from the frozen ``data["society"]`` only (see ``analysis.society``): per
resilience level, per phenomenon (or protective factor) its indicators with the latest
value, the trend and the source, and what the programme does about the phenomenon.
Where a figure is missing, the chapter says so in words.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language, gettext, ngettext, pgettext

from analysis.display import charts
from analysis.display.format import fmt, local_name, number

DEMO_MARK = "(demo)"


def indicator_figure(value: Decimal | None, unit: str) -> str:
    """An indicator value the way the pages and the PDF show it: its own decimals (at most two), and its unit."""
    if value is None:
        return "–"
    exponent = value.normalize().as_tuple().exponent
    decimals = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    text = fmt(value, decimals)
    return f"{text}%" if unit == "percent" else text


def unit_label(unit: str) -> str:
    return {
        "percent": gettext("procent"),
        "score": gettext("score"),
        "count": gettext("aantal"),
    }.get(unit, unit)


def trend_of(values: list[Decimal], direction: str) -> str:
    """better, worse, same, or '' (fewer than two figures): the latest figure against the one before."""
    if len(values) < 2:
        return ""
    latest, before = values[-1], values[-2]
    if latest == before:
        return "same"
    return "better" if (latest > before) == (direction == "higher") else "worse"


def trend_words(trend: str, *, previous_period: str, previous_display: str) -> str:
    if not trend:
        return gettext("Er is nog maar één cijfer, dus nog geen verloop.")
    words = {
        "better": gettext("verbeterd"),
        "worse": gettext("verslechterd"),
        "same": gettext("gelijk gebleven"),
    }[trend]
    return gettext("Ten opzichte van %(period)s (%(value)s) is dat %(trend)s.") % {
        "period": previous_period,
        "value": previous_display,
        "trend": words,
    }


@dataclass
class IndicatorFigure:
    """One indicator as the chapter shows it; ``latest`` is the figure it cites."""

    code: str
    name: str
    definition: str
    unit: str
    direction: str
    source: str
    source_url: str
    licence: str
    latest_period: str = ""
    latest_value: Decimal | None = None
    latest_display: str = ""
    latest_is_demo: bool = False
    latest_note: str = ""
    trend: str = ""
    trend_sentence: str = ""
    missing: str = ""
    chart: charts.Chart | None = None
    figure: object = None  # the numbered chart in the PDF
    rows: list[tuple[str, str, bool]] = field(default_factory=list)  # period, display, demo


def source_text(source: dict, licence: str) -> str:
    parts = [source.get("publisher", ""), source.get("table", "")]
    text = ", ".join(part for part in parts if part)
    if licence:
        text = gettext("%(source)s (licentie: %(licence)s)") % {"source": text, "licence": licence}
    return text


def indicator_chart(*, name: str, unit: str, periods: list[str], values: list[Decimal], demo: bool) -> charts.Chart:
    decimals = 1 if any(v != v.to_integral_value() for v in values) else 0
    description = gettext("Verloop van %(name)s per periode (%(unit)s), van %(first)s tot en met %(last)s.") % {
        "name": name,
        "unit": unit_label(unit),
        "first": periods[0],
        "last": periods[-1],
    }
    if demo:
        description += " " + gettext("De cijfers met (demo) zijn voorbeelden.")
    return charts.line_chart(
        title=name,
        description=description,
        x_labels=periods,
        # One line, the figure for the Netherlands as a whole: a short legend, never cut off.
        series=[(gettext("Nederland"), values)],
        width=640,
        height=190,
        decimals=decimals,
    )


def indicator_figure_of(item: dict, *, with_chart: bool = True) -> IndicatorFigure:
    """The figure, trend, source and chart of one frozen indicator."""
    values = item["values"]
    figure = IndicatorFigure(
        code=item["code"],
        name=local_name(item),
        definition=item["definition_en"] if (get_language() or "nl").startswith("en") else item["definition"],
        unit=item["unit"],
        direction=item["direction"],
        source=source_text(item["source"], item.get("licence", "")),
        source_url=item["source"].get("url", ""),
        licence=item.get("licence", ""),
    )
    if not values:
        figure.missing = gettext(
            "Voor deze indicator is op de peildatum nog geen cijfer bekend: er is nog niets ingelezen over een "
            "periode die toen al voorbij was."
        )
        return figure
    numbers = [number(v["value"]) for v in values]
    latest = values[-1]
    figure.latest_period = latest["period"]
    figure.latest_value = numbers[-1]
    figure.latest_display = indicator_figure(numbers[-1], item["unit"])
    figure.latest_is_demo = latest["provenance"] == "demo"
    figure.latest_note = latest.get("note", "")
    figure.trend = trend_of(numbers, item["direction"])
    figure.trend_sentence = trend_words(
        figure.trend,
        previous_period=values[-2]["period"] if len(values) > 1 else "",
        previous_display=indicator_figure(numbers[-2], item["unit"]) if len(values) > 1 else "",
    )
    figure.rows = [
        (v["period"], indicator_figure(n, item["unit"]), v["provenance"] == "demo")
        for v, n in zip(values, numbers, strict=True)
    ]
    if with_chart and len(values) > 1:
        figure.chart = indicator_chart(
            name=figure.name,
            unit=item["unit"],
            periods=[v["period"] for v in values],
            values=numbers,
            demo=any(v["provenance"] == "demo" for v in values),
        )
    return figure


@dataclass
class Topic:
    """A phenomenon or a protective factor within a level: its indicators, and what the programme does."""

    kind: str  # phenomenon or factor
    code: str
    name: str
    indicators: list[IndicatorFigure]
    response: str = ""
    factors: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    intervention_count: int = 0


@dataclass
class LevelSection:
    code: str
    name: str
    topics: list[Topic]


def _response(phenomenon: dict) -> tuple[str, list[str], list[str]]:
    count = phenomenon["interventions"]
    if not count:
        return (
            gettext("Op de peildatum richt geen van de interventies in het programma zich op dit fenomeen."),
            [],
            [],
        )
    factors = [
        gettext("%(code)s %(name)s (%(count)s)")
        % {"code": f["code"], "name": local_name(f), "count": f["interventions"]}
        for f in phenomenon["factors"]
    ]
    sentence = ngettext(
        "Op de peildatum richt %(count)s interventie in het programma zich op dit fenomeen.",
        "Op de peildatum richten %(count)s interventies in het programma zich op dit fenomeen.",
        count,
    ) % {"count": count}
    if not factors:
        sentence += " " + gettext("Bij die interventies is geen beschermende factor vastgelegd.")
    return sentence, factors, list(phenomenon["intervention_names"])


def society_chapter(data: dict, registry) -> dict:
    """The chapter from the frozen data: per level its topics, the phenomena without figures, the method."""
    section = data["society"]
    phenomena = {p["code"]: p for p in section["phenomena"]}
    factors = {f["code"]: f for f in section["factors"]}
    levels = []
    covered = set()
    described: dict[str, str] = {}
    for level in section["levels"]:
        topics: dict[tuple[str, str], Topic] = {}
        for item in section["indicators"]:
            if item["level"] != level["code"]:
                continue
            figure = indicator_figure_of(item)
            if item["phenomenon"]:
                key = ("phenomenon", item["phenomenon"])
                if key not in topics:
                    phenomenon = phenomena[item["phenomenon"]]
                    response, factor_names, names = _response(phenomenon)
                    if phenomenon["code"] in described:
                        # Told once, at the first level the phenomenon has an indicator.
                        response = gettext(
                            "Wat het programma aan dit fenomeen doet, staat hierboven bij %(level)s."
                        ) % {"level": described[phenomenon["code"]]}
                        factor_names, names = [], []
                    else:
                        described[phenomenon["code"]] = local_name(level).lower()
                    topics[key] = Topic(
                        "phenomenon",
                        phenomenon["code"],
                        local_name(phenomenon),
                        [],
                        response,
                        factor_names,
                        names,
                        phenomenon["interventions"],
                    )
                    covered.add(phenomenon["code"])
            else:
                key = ("factor", item["protective_factor"])
                if key not in topics:
                    factor = factors[item["protective_factor"]]
                    topics[key] = Topic("factor", factor["code"], local_name(factor), [])
            topics[key].indicators.append(figure)
        for topic in topics.values():
            for figure in topic.indicators:
                figure.figure = registry.add(figure.chart)
        levels.append(LevelSection(level["code"], local_name(level), list(topics.values())))
    without = []
    for phenomenon in section["phenomena"]:
        if phenomenon["code"] in covered:
            continue
        response, factor_names, names = _response(phenomenon)
        without.append(
            Topic(
                "phenomenon",
                phenomenon["code"],
                local_name(phenomenon),
                [],
                response,
                factor_names,
                names,
                phenomenon["interventions"],
            )
        )
    cited = [f for level in levels for topic in level.topics for f in topic.indicators]
    return {
        "levels": levels,
        "without_indicators": without,
        "indicator_count": len(cited),
        "with_figures": sum(1 for f in cited if f.latest_value is not None),
        "has_demo": any(f.latest_is_demo or any(demo for _p, _d, demo in f.rows) for f in cited),
        "demo_mark": DEMO_MARK,
        "kind_labels": {
            "phenomenon": gettext("Fenomeen"),
            "factor": pgettext("indicator topic", "Beschermende factor"),
        },
    }
