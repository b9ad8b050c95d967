"""What the annual analysis PDF shows, built from its frozen data only.

Nothing here queries the database: every figure comes from the snapshot the task
froze, so one snapshot always renders to the same document. The tables and charts
of the dashboards are reused (``analysis.display.dashboard``), and every chart is
numbered, with the numbers behind it in the appendix.

A section that cannot be built from the data it was given (an old or damaged
snapshot) becomes a marked gap in the document, with the reason, instead of
stopping the whole analysis; ``AnalysisContent.gaps`` lists them.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from analysis.annual import analysis_title
from analysis.comparison import compare
from analysis.display import annual_lessons, annual_scp, charts
from analysis.display.annual_chapters import (
    ChartRegistry,
    NumberedChart,
    action_line_chapters,
    budget_year_chart,
    budget_years,
    evaluations,
    long_date,
    organisations_chart,
    parse_day,
    partnerships_of_year,
    portfolio_charts,
    reporting,
)
from analysis.display.budget import overcommitted_frozen
from analysis.display.dashboard import (
    budget_chart,
    budget_rows,
    collaboration,
    municipality_map,
    municipality_summary,
    portfolio,
    status_summary,
)
from analysis.display.format import UNIT_EURO, format_figure, local_name, number, status_label
from analysis.display.society_chapter import society_chapter
from analysis.models import Advice, AdviceMessage
from analysis.texts import empty_texts

logger = logging.getLogger(__name__)


@dataclass
class Gap:
    """A part of the analysis that could not be made from the data, and why."""

    section: str
    reason: str


# ---------------------------------------------------------------------------
# Advice


def advice(data: dict) -> dict:
    items = []
    for a in data["year"]["advice"]:
        items.append(
            {
                **a,
                "given_on": parse_day(a["given_on"]),
                "responded_on": parse_day(a["responded_on"]),
                "kind_label": str(Advice.Kind(a["kind"]).label),
                "follow_up_label": str(Advice.FollowUp(a["follow_up"]).label),
                # A single answer is the response shown already; the conversation shows once there is more.
                "thread": advice_thread(a["thread"]) if len(a.get("thread", [])) > 1 else [],
            }
        )
    counts = [
        (code, str(label), sum(1 for a in items if a["follow_up"] == code)) for code, label in Advice.FollowUp.choices
    ]
    return {"items": items, "counts": counts}


def advice_thread(messages: list[dict]) -> list[dict]:
    """The frozen conversation about an advice, ready to show (older snapshots have none)."""
    return [
        {
            **m,
            "written_on": parse_day(m["written_on"]),
            "side_label": str(AdviceMessage.Side(m["side"]).label),
            "follow_up_label": str(Advice.FollowUp(m["follow_up"]).label) if m.get("follow_up") else "",
        }
        for m in messages
    ]


def frozen_texts(data: dict) -> dict:
    """The programme's own words frozen with the figures, with the conversation of the board's advice on the draft."""
    texts = dict(data.get("texts") or empty_texts())
    if texts.get("board_advice"):
        texts["board_advice"] = [
            {**item, "thread": advice_thread(item.get("thread", []))} for item in texts["board_advice"]
        ]
    return texts


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
            "date": long_date(previous["as_of"]),
            "hash": previous["data_hash"][:12],
        }
    else:
        source = gettext(
            "Over %(year)s is geen analyse gemaakt. De cijfers van toen zijn berekend uit de gegevens zoals ze "
            "er op %(date)s voor stonden."
        ) % {"year": data["analysis"]["year"] - 1, "date": long_date(previous["as_of"])}
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
# Chapters kept in modules of their own: (template context name, which is also the key of their part
# of the frozen data; title of a gap; builder from the frozen data). document.html includes each where
# it belongs. A version frozen before a chapter existed has no part for it and shows no chapter (False),
# rather than a gap.

CHAPTERS: tuple[tuple[str, Any, Callable[[dict], Any]], ...] = (
    ("scp", _("Het portfolio in het SCP-kader"), annual_scp.scp_chapter),
    ("lessons", _("Lessen uit gemeenten"), annual_lessons.lessons_chapter),
)


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
    # A version frozen before the portal kept indicators has no society data: the chapter says so.
    society_part = _guarded(
        gaps,
        gettext("Hoe veerkrachtig is Nederland?"),
        lambda: society_chapter(data, registry) if "society" in data else None,
    )
    municipality_figures = _guarded(gaps, gettext("Gemeenten"), lambda: municipality_summary(data, comparison), [])
    chapters = _guarded(
        gaps, gettext("KPI's per actielijn"), lambda: action_line_chapters(data, comparison, registry), []
    )
    portfolio_part = _guarded(gaps, gettext("Interventies"), lambda: portfolio(data, comparison))
    portfolio_chart_part = _guarded(gaps, gettext("Interventies"), lambda: portfolio_charts(data, registry), {})
    evaluation_part = _guarded(
        gaps, gettext("Evaluaties"), lambda: evaluations(data), {"completed": [], "findings": [], "running": 0}
    )
    map_chart = _guarded(gaps, gettext("Kaart"), lambda: registry.add(municipality_map(data)))
    reporting_part = _guarded(gaps, gettext("Gemeenten"), lambda: reporting(data, registry))
    # One gap for the chapter's figures and its list, which read the same part of the data.
    collaboration_part, partnerships = _guarded(
        gaps,
        gettext("Samenwerking"),
        lambda: (collaboration(data, comparison), partnerships_of_year(data)),
        (None, None),
    )
    organisations = _guarded(gaps, gettext("Samenwerking"), lambda: registry.add(organisations_chart(data)))
    budget_table = _guarded(gaps, gettext("Begroting"), lambda: budget_rows(data, comparison), [])
    budget_line_chart = _guarded(gaps, gettext("Begroting"), lambda: registry.add(budget_chart(data)))
    budget_year_figure = _guarded(gaps, gettext("Begroting"), lambda: registry.add(budget_year_chart(data)))
    budget_per_year = _guarded(gaps, gettext("Begroting"), lambda: budget_years(data), [])
    advice_part = _guarded(
        gaps, gettext("Advies van de klankbordgroep"), lambda: advice(data), {"items": [], "counts": []}
    )
    own_chapters = {
        key: _guarded(gaps, str(title), lambda build=build: build(data)) if key in data else False
        for key, title, build in CHAPTERS
    }
    for chapter in chapters or []:
        for row, _chart, gap in chapter.kpi_charts:
            if gap and row.value is None and data_error(data, row.code):
                gaps.append(Gap(row.code, gap))
    context = {
        "data": data,
        "title": analysis_title(year),
        "year": year,
        "version": meta["version"],
        "as_of": parse_day(data["as_of"]),
        "complete_year": meta["complete_year"],
        "reports_counted_on": parse_day(meta["reports_counted_on"]),
        "programme": local_name(data["programme"]),
        "programme_start": parse_day(data["programme"]["starts_on"]),
        "programme_end": parse_day(data["programme"]["ends_on"]),
        "data_hash": data_hash,
        "summary": summary_part,
        "society": society_part,
        "status_chart": status_chart,
        "chapters": chapters,
        "portfolio": portfolio_part,
        "portfolio_charts": portfolio_chart_part,
        "evaluations": evaluation_part,
        "map": map_chart,
        "municipality_figures": municipality_figures,
        "reporting": reporting_part,
        "collaboration": collaboration_part,
        "partnerships": partnerships,
        "organisations": organisations,
        "budget_rows": budget_table,
        "budget_chart": budget_line_chart,
        "budget_years": budget_per_year,
        "budget_year_chart": budget_year_figure,
        "budget_warnings": data["budget"].get("warnings", []),
        "budget_overcommitted": overcommitted_frozen(data["budget"]),
        "advice": advice_part,
        "changes": change_part,
        "method": method(data),
        **own_chapters,
        # The programme's own words, frozen with the figures (older snapshots have none).
        "texts": frozen_texts(data),
        "gaps": gaps,
        "figures": registry.items,
    }
    return AnalysisContent(context, gaps, registry.items)


def data_error(data: dict, code: str) -> str:
    """The error frozen with a KPI that could not be computed (e.g. an unknown measure), or ''."""
    return next((k.get("error", "") for k in data["kpis"] if k["code"] == code), "")
