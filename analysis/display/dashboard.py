"""What a dashboard shows, built from its frozen data only: tables, key figures and charts.

The web page uses it now and the dashboard PDF can use it later: both get the
same rows and the same charts, so a figure reads the same everywhere. Nothing
here queries the database; every value comes from the snapshot (or, for a
draft, from live data frozen in the same shape).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.comparison import MUNICIPALITY_FIGURES, Change, Comparison, compare, municipality_figures
from analysis.display import charts
from analysis.display.budget import overcommitted_frozen
from analysis.display.format import UNIT_COUNT, UNIT_EURO, format_figure, local_name, local_text, number, status_label
from analysis.kpis import Status
from analysis.snapshots import active_partnerships
from core.halves import half_year_label
from interventions.models import Evaluation, Intervention
from municipalities.models import Organisation


@dataclass
class Figure:
    """A labelled figure with its change since the previous dashboard."""

    label: str
    value: Decimal | None
    unit: str = UNIT_COUNT
    change: Change | None = None

    @property
    def display(self) -> str:
        return format_figure(self.value, self.unit)


@dataclass
class KpiRow:
    code: str
    label: str
    description: str
    target: Decimal
    value: Decimal | None
    unit: str
    status: str
    period: str
    change: Change | None
    trend: charts.Chart | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def target_display(self) -> str:
        return format_figure(self.target, self.unit)

    @property
    def value_display(self) -> str:
        return format_figure(self.value, self.unit)


@dataclass
class KpiGroup:
    code: str
    label: str
    rows: list[KpiRow] = field(default_factory=list)


@dataclass
class BudgetRow:
    label: str
    planned: Decimal
    committed: Decimal
    spent: Decimal
    spent_change: Change | None = None
    is_total: bool = False

    @property
    def available(self) -> Decimal:
        return self.planned - self.committed - self.spent

    @property
    def spent_share(self) -> int | None:
        return round(self.spent / self.planned * 100) if self.planned else None


def _unit(kpi: dict) -> str:
    return {"euro": UNIT_EURO, "percent": "percent"}.get(kpi["unit"], UNIT_COUNT)


def _trend(kpi: dict, as_of: str) -> charts.Chart | None:
    points = kpi["trend"]
    if len(points) < 2:
        return None
    labels = [half_year_label(day) for day, _value in points]
    values = [number(value) for _day, value in points]
    spoken = "; ".join(
        f"{label}: {format_figure(value, _unit(kpi))}" for label, value in zip(labels, values, strict=True)
    )
    return charts.sparkline(
        title=gettext("Verloop van %(code)s per halfjaar") % {"code": kpi["code"]},
        description=gettext("Waarde per halfjaar: %(values)s. Streefwaarde %(target)s.")
        % {"values": spoken, "target": format_figure(number(kpi["target"]), _unit(kpi))},
        x_labels=labels,
        values=values,
        target=number(kpi["target"]),
    )


def kpi_groups(data: dict, comparison: Comparison | None) -> list[KpiGroup]:
    """The KPIs per action line, in the programme's order, each with target, actual, status and change."""
    groups = {line["code"]: KpiGroup(line["code"], local_name(line)) for line in data["action_lines"]}
    for kpi in data["kpis"]:
        group = groups.setdefault(kpi["action_line"], KpiGroup(kpi["action_line"], kpi["action_line"]))
        if kpi["period"] == "per_year":
            period = gettext("per jaar")
        else:
            period = gettext("uiterlijk %(date)s") % {
                "date": date_format(datetime.date.fromisoformat(kpi["deadline"]), "j F Y")
            }
        group.rows.append(
            KpiRow(
                code=kpi["code"],
                label=local_name(kpi),
                description=local_text(kpi, "measure_description"),
                target=number(kpi["target"]),
                value=number(kpi["value"]),
                unit=_unit(kpi),
                status=kpi["status"],
                period=period,
                change=comparison.get(f"kpi:{kpi['code']}") if comparison else None,
                trend=_trend(kpi, data["as_of"]),
            )
        )
    return [group for group in groups.values() if group.rows]


def status_summary(data: dict) -> list[tuple[str, str, int]]:
    """How many KPIs have each status: (code, label, count), in the usual order."""
    counts = dict.fromkeys(Status.values, 0)
    for kpi in data["kpis"]:
        counts[kpi["status"]] = counts.get(kpi["status"], 0) + 1
    return [(code, status_label(code), count) for code, count in counts.items()]


def budget_rows(data: dict, comparison: Comparison | None) -> list[BudgetRow]:
    """Planned, committed and spent per action line over all years, then the total."""
    rows = []
    for row in data["budget"]["rows"]:
        key = row["action_line"] or "other"
        label = f"{row['action_line']} {local_name(row)}" if row["action_line"] else local_name(row)
        rows.append(
            BudgetRow(
                label=label,
                planned=number(row["total"]["planned"]),
                committed=number(row["total"]["committed"]),
                spent=number(row["total"]["spent"]),
                spent_change=comparison.get(f"budget:{key}:spent") if comparison else None,
            )
        )
    total = data["budget"]["total"]
    rows.append(
        BudgetRow(
            label=gettext("Totaal"),
            planned=number(total["planned"]),
            committed=number(total["committed"]),
            spent=number(total["spent"]),
            spent_change=comparison.get("budget:total:spent") if comparison else None,
            is_total=True,
        )
    )
    return rows


def budget_chart(data: dict) -> charts.Chart:
    rows = data["budget"]["rows"]
    return charts.stacked_bars(
        title=gettext("Begroting per actielijn"),
        description=gettext(
            "Uitgegeven en verplicht per actielijn over alle jaren, met de begroting als streep. "
            "De cijfers staan ook in de tabel."
        ),
        categories=[row["action_line"] or gettext("Overig") for row in rows],
        series=[
            (gettext("Uitgegeven"), [number(row["total"]["spent"]) for row in rows]),
            (gettext("Verplicht"), [number(row["total"]["committed"]) for row in rows]),
        ],
        reference=[number(row["total"]["planned"]) for row in rows],
        reference_label=gettext("Begroot"),
    )


def municipality_summary(data: dict, comparison: Comparison | None) -> list[Figure]:
    figures = municipality_figures(data)
    return [
        Figure(str(label), figures[key], unit, comparison.get(f"municipalities:{key}") if comparison else None)
        for key, label, unit in MUNICIPALITY_FIGURES
    ]


MAP_CLASSES = [
    ("both", _("Specifieke uitkering en learning community")),
    ("grant", _("Alleen specifieke uitkering")),
    ("learning", _("Alleen learning community")),
    ("reports", _("Alleen verslagen, zonder uitkering of learning community")),
]


def municipality_map(data: dict) -> charts.Chart:
    """The municipalities with a grant and/or in the learning community, as a map with its table."""
    values = {}
    rows = []
    for m in data["municipalities"]:
        has_grant = bool(m["grants"])
        key = (
            "both"
            if has_grant and m["learning_community"]
            else "grant"
            if has_grant
            else "learning"
            if m["learning_community"]
            else "reports"
        )
        values[m["cbs_code"]] = key
        rows.append(
            [
                m["name"],
                m["cbs_code"],
                format_figure(number(m["grant_total"]), UNIT_EURO) if has_grant else "–",
                gettext("ja") if m["learning_community"] else gettext("nee"),
                format_figure(number(m["reach"])),
            ]
        )
    classes = [(key, str(label)) for key, label in MAP_CLASSES if key in values.values()]
    return charts.choropleth(
        title=gettext("Gemeenten in het programma"),
        description=gettext(
            "Kaart van Nederland met de gemeenten die een specifieke uitkering hebben, deelnemen aan de "
            "learning community, of beide. De tabel bij de kaart geeft dezelfde gegevens per gemeente."
        ),
        values=values,
        classes=classes,
        table_headers=[
            gettext("Gemeente"),
            gettext("CBS-code"),
            gettext("Specifieke uitkering"),
            gettext("Learning community"),
            gettext("Bereik"),
        ],
        table_rows=rows,
    )


@dataclass
class Portfolio:
    total: Figure
    public: Figure
    levels: list[str]
    matrix: list[tuple[str, list[int], int]]
    level_totals: list[int]
    evidence: list[Figure]
    stages: list[Figure]
    evaluations: list[Figure]
    phenomena: list[tuple[str, int]]


def portfolio(data: dict, comparison: Comparison | None) -> Portfolio:
    """The interventions: protective factor x resilience level, evidence levels, stages and evaluations."""
    section = data["portfolio"]

    def change(key: str) -> Change | None:
        return comparison.get(key) if comparison else None

    levels = section["levels"]
    matrix = []
    for factor in section["matrix"]:
        counts = [factor["counts"].get(level["code"], 0) for level in levels]
        matrix.append((f"{factor['code']} {local_name(factor)}", counts, sum(counts)))
    level_totals = [sum(row[1][i] for row in matrix) for i in range(len(levels))]
    evaluations = section["evaluations"]
    return Portfolio(
        total=Figure(gettext("Interventies"), number(section["total"]), change=change("portfolio:total")),
        public=Figure(
            gettext("In de openbare catalogus"), number(section["public"]), change=change("portfolio:public")
        ),
        levels=[local_name(level) for level in levels],
        matrix=matrix,
        level_totals=level_totals,
        evidence=[
            Figure(
                str(Intervention.EvidenceLevel(item["code"]).label),
                Decimal(item["count"]),
                change=change(f"portfolio:evidence:{item['code']}"),
            )
            for item in section["evidence"]
        ],
        stages=[
            Figure(
                str(Intervention.Stage(item["code"]).label),
                Decimal(item["count"]),
                change=change(f"portfolio:stage:{item['code']}"),
            )
            for item in section["stages"]
        ],
        evaluations=[
            Figure(
                gettext("Afgeronde evaluaties"),
                number(evaluations["completed"]),
                change=change("portfolio:evaluations:completed"),
            ),
            Figure(
                gettext("Interventies met een afgeronde evaluatie"),
                number(evaluations["completed_interventions"]),
                change=change("portfolio:evaluations:completed_interventions"),
            ),
            Figure(
                gettext("Lopende evaluaties"),
                number(evaluations["running"]),
                change=change("portfolio:evaluations:running"),
            ),
            *[
                Figure(gettext("Afgerond: %(kind)s") % {"kind": Evaluation.Kind(kind).label}, Decimal(count))
                for kind, count in evaluations.get("by_kind", {}).items()
            ],
        ],
        phenomena=[(local_name(p), p["count"]) for p in section["phenomena"]],
    )


@dataclass
class Collaboration:
    partnerships: list[dict]
    active: Figure
    organisations: list[Figure]


def collaboration(data: dict, comparison: Comparison | None) -> Collaboration:
    section = data["collaboration"]

    def change(key: str) -> Change | None:
        return comparison.get(key) if comparison else None

    partnerships = [
        {
            **p,
            "started_on": datetime.date.fromisoformat(p["started_on"]),
            "ended_on": datetime.date.fromisoformat(p["ended_on"]) if p["ended_on"] else None,
        }
        for p in section["partnerships"]
    ]
    return Collaboration(
        partnerships=partnerships,
        active=Figure(
            gettext("Lopende samenwerkingsverbanden"),
            Decimal(active_partnerships(section)),
            change=change("collaboration:partnerships"),
        ),
        organisations=[
            Figure(
                str(Organisation.Kind(item["code"]).label),
                Decimal(item["count"]),
                change=change(f"collaboration:organisations:{item['code']}"),
            )
            for item in section["organisations_by_kind"]
        ],
    )


def highlights(text: str) -> list[str]:
    """Staff write one highlight per line; a leading dash or bullet is dropped."""
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip().lstrip("-•*").strip()]


def dashboard_content(data: dict, previous: dict | None) -> dict:
    """Everything a dashboard page shows, from its frozen data and that of the dashboard before it."""
    comparison = compare(previous, data) if previous else None
    texts = data["dashboard"]
    interventions = portfolio(data, comparison)
    return {
        "data": data,
        "as_of": datetime.date.fromisoformat(data["as_of"]),
        "period_start": datetime.date.fromisoformat(texts["period_start"]),
        "period_end": datetime.date.fromisoformat(texts["period_end"]),
        "introduction": texts["introduction"],
        "highlights": highlights(texts["highlights"]),
        "correction_note": texts["correction_note"],
        "comparison": comparison,
        "status_summary": status_summary(data),
        "kpi_groups": kpi_groups(data, comparison),
        "budget_rows": budget_rows(data, comparison),
        "budget_chart": budget_chart(data),
        "budget_warnings": data["budget"]["warnings"],
        "budget_overcommitted": overcommitted_frozen(data["budget"]),
        "municipality_summary": municipality_summary(data, comparison),
        "municipality_map": municipality_map(data),
        "portfolio": interventions,
        "portfolio_figures": [interventions.total, interventions.public],
        "collaboration": collaboration(data, comparison),
    }
