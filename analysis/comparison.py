"""What changed between two frozen snapshots: one computation for the change since the previous dashboard,
the side-by-side comparison of two dashboards and the annual analysis's year-on-year changes."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.display.format import UNIT_COUNT, UNIT_EURO, UNIT_PERCENT, format_figure, local_name, number
from analysis.snapshots import active_partnerships
from interventions.models import Intervention
from municipalities.models import Organisation


@dataclass(frozen=True)
class Change:
    """One figure in two snapshots, and how it moved."""

    key: str
    label: str
    before: Decimal | None
    after: Decimal | None
    unit: str = UNIT_COUNT
    before_status: str = ""
    after_status: str = ""
    group: str = ""

    @property
    def delta(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """up, down, same, or none (a value is missing on one side)."""
        delta = self.delta
        if delta is None:
            return "none"
        return "up" if delta > 0 else "down" if delta < 0 else "same"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "=", "none": "–"}[self.direction]

    @property
    def signed(self) -> str:
        """The delta with its sign, e.g. '+3' or '−€ 1.200'; empty without a delta."""
        delta = self.delta
        if delta is None:
            return ""
        if delta == 0:
            return "0"
        sign = "+" if delta > 0 else "−"
        return sign + format_figure(abs(delta), self.unit)

    @property
    def text(self) -> str:
        """The change in words, for screen readers and for anyone who does not read arrows."""
        delta = self.delta
        if delta is None:
            if self.before is None and self.after is not None:
                return gettext("eerder geen gegevens")
            if self.after is None and self.before is not None:
                return gettext("nu geen gegevens")
            return gettext("geen gegevens")
        amount = format_figure(abs(delta), self.unit)
        if delta > 0:
            return gettext("gestegen met %(amount)s") % {"amount": amount}
        if delta < 0:
            return gettext("gedaald met %(amount)s") % {"amount": amount}
        return gettext("gelijk gebleven")

    @property
    def status_changed(self) -> bool:
        return bool(self.before_status and self.after_status and self.before_status != self.after_status)

    @property
    def before_display(self) -> str:
        return format_figure(self.before, self.unit)

    @property
    def after_display(self) -> str:
        return format_figure(self.after, self.unit)


@dataclass
class ComparisonSection:
    key: str
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    """The figures of two snapshots side by side, per section; ``get(key)`` finds one figure."""

    sections: list[ComparisonSection]
    notes: list[str] = field(default_factory=list)  # what a reader must know before comparing, in words

    def __post_init__(self) -> None:
        self._by_key = {change.key: change for section in self.sections for change in section.changes}

    def get(self, key: str) -> Change | None:
        return self._by_key.get(key)


def _kpi_unit(kpi: dict) -> str:
    return {"euro": UNIT_EURO, "percent": UNIT_PERCENT}.get(kpi["unit"], UNIT_COUNT)


def _kpi_changes(before: dict | None, after: dict) -> list[Change]:
    old = {k["code"]: k for k in (before or {}).get("kpis", [])}
    changes = []
    for kpi in after["kpis"]:
        previous = old.get(kpi["code"], {})
        changes.append(
            Change(
                key=f"kpi:{kpi['code']}",
                label=f"{kpi['code']} {local_name(kpi)}",
                before=number(previous.get("value")),
                after=number(kpi["value"]),
                unit=_kpi_unit(kpi),
                before_status=previous.get("status", ""),
                after_status=kpi["status"],
                group=kpi["action_line"],
            )
        )
    return changes


def _budget_changes(before: dict | None, after: dict) -> list[Change]:
    def rows(data):
        return {row["action_line"] or "other": row for row in (data or {}).get("budget", {}).get("rows", [])}

    old, new = rows(before), rows(after)
    changes = []
    for key, row in new.items():
        label = f"{row['action_line']} {local_name(row)}" if row["action_line"] else local_name(row)
        for measure, words in (("spent", _("uitgegeven")), ("committed", _("verplicht"))):
            changes.append(
                Change(
                    key=f"budget:{key}:{measure}",
                    label=f"{label}: {words}",
                    before=number(old[key]["total"][measure]) if key in old else None,
                    after=number(row["total"][measure]),
                    unit=UNIT_EURO,
                )
            )
    old_total = (before or {}).get("budget", {}).get("total")
    for measure, words in (
        ("planned", _("Totaal begroot")),
        ("committed", _("Totaal verplicht")),
        ("spent", _("Totaal uitgegeven")),
    ):
        changes.append(
            Change(
                key=f"budget:total:{measure}",
                label=str(words),
                before=number(old_total[measure]) if old_total else None,
                after=number(after["budget"]["total"][measure]),
                unit=UNIT_EURO,
            )
        )
    return changes


def municipality_figures(data: dict) -> dict[str, Decimal]:
    """Totals over the municipalities in a snapshot."""
    rows = data["municipalities"]
    return {
        "with_grant": Decimal(sum(1 for m in rows if m["grants"])),
        "grant_total": sum((number(m["grant_total"]) for m in rows), Decimal(0)),
        "learning_community": Decimal(sum(1 for m in rows if m["learning_community"])),
        "reach": sum((number(m["reach"]) for m in rows), Decimal(0)),
        "spending": sum((number(m["spending"]) for m in rows), Decimal(0)),
        "reports_on_time": Decimal(sum(m["reports_on_time"] for m in rows)),
        "reports_late": Decimal(sum(m["reports_late"] for m in rows)),
        "reports_missing": Decimal(sum(m["reports_missing"] for m in rows)),
    }


MUNICIPALITY_FIGURES = [
    ("with_grant", _("Gemeenten met een specifieke uitkering"), UNIT_COUNT),
    ("grant_total", _("Toegekend aan specifieke uitkeringen"), UNIT_EURO),
    ("learning_community", _("Gemeenten in de learning community"), UNIT_COUNT),
    ("reach", _("Bereikte deelnemers volgens de verslagen"), UNIT_COUNT),
    ("spending", _("Besteed volgens de verslagen"), UNIT_EURO),
    ("reports_on_time", _("Verslagen op tijd ingediend"), UNIT_COUNT),
    ("reports_late", _("Verslagen te laat ingediend"), UNIT_COUNT),
    ("reports_missing", _("Verslagen die ontbreken"), UNIT_COUNT),
]


def _municipality_changes(before: dict | None, after: dict) -> list[Change]:
    old = municipality_figures(before) if before else {}
    new = municipality_figures(after)
    return [
        Change(key=f"municipalities:{key}", label=str(label), before=old.get(key), after=new[key], unit=unit)
        for key, label, unit in MUNICIPALITY_FIGURES
    ]


def _counted(items: list[dict]) -> dict[str, Decimal]:
    return {item["code"]: Decimal(item["count"]) for item in items}


def _portfolio_changes(before: dict | None, after: dict) -> list[Change]:
    old = (before or {}).get("portfolio")
    new = after["portfolio"]
    changes = [
        Change(
            "portfolio:total",
            gettext("Interventies in het programma"),
            number(old["total"]) if old else None,
            number(new["total"]),
        ),
        Change(
            "portfolio:public",
            gettext("Waarvan in de openbare catalogus"),
            number(old["public"]) if old else None,
            number(new["public"]),
        ),
    ]
    old_evidence = _counted(old["evidence"]) if old else {}
    for code, count in _counted(new["evidence"]).items():
        changes.append(
            Change(
                f"portfolio:evidence:{code}",
                gettext("Bewijskracht: %(level)s") % {"level": Intervention.EvidenceLevel(code).label},
                old_evidence.get(code),
                count,
            )
        )
    old_stages = _counted(old["stages"]) if old else {}
    for code, count in _counted(new["stages"]).items():
        changes.append(
            Change(
                f"portfolio:stage:{code}",
                gettext("Fase: %(stage)s") % {"stage": Intervention.Stage(code).label},
                old_stages.get(code),
                count,
            )
        )
    for key, label in (
        ("completed", gettext("Afgeronde evaluaties")),
        ("completed_interventions", gettext("Interventies met een afgeronde evaluatie")),
        ("running", gettext("Lopende evaluaties")),
    ):
        changes.append(
            Change(
                f"portfolio:evaluations:{key}",
                label,
                number(old["evaluations"][key]) if old else None,
                number(new["evaluations"][key]),
            )
        )
    return changes


def _collaboration_changes(before: dict | None, after: dict) -> list[Change]:
    def active(data):
        return Decimal(active_partnerships(data["collaboration"]))

    changes = [
        Change(
            "collaboration:partnerships",
            gettext("Lopende samenwerkingsverbanden"),
            active(before) if before else None,
            active(after),
        )
    ]
    old = _counted(before["collaboration"]["organisations_by_kind"]) if before else {}
    for code, count in _counted(after["collaboration"]["organisations_by_kind"]).items():
        changes.append(
            Change(
                f"collaboration:organisations:{code}",
                gettext("Organisaties: %(kind)s") % {"kind": Organisation.Kind(code).label},
                old.get(code),
                count,
            )
        )
    return changes


def programme_notes(before: dict | None, after: dict) -> list[str]:
    """Where two snapshots belong to different programmes: which KPIs cannot be compared, and why, in words.

    KPIs are matched by their code. A code of one programme may mean something else in the next,
    so a KPI whose name, target or deadline differs is named, as are KPIs only one of the two has.
    """
    before_code = (before or {}).get("programme", {}).get("code")
    after_code = after.get("programme", {}).get("code")
    if not before_code or not after_code or before_code == after_code:
        return []
    old = {k["code"]: k for k in before.get("kpis", [])}
    new = {k["code"]: k for k in after.get("kpis", [])}
    notes = [
        gettext(
            "Deze twee dashboards horen bij verschillende programma's: %(before)s en %(after)s. De KPI's staan "
            "naast elkaar op hun code; elk programma telt alleen wat in zijn eigen looptijd gebeurde."
        )
        % {"before": local_name(before["programme"]), "after": local_name(after["programme"])}
    ]
    only_before = [code for code in old if code not in new]
    only_after = [code for code in new if code not in old]
    changed = [
        code
        for code in new
        if code in old
        and any(
            str(old[code].get(key)) != str(new[code].get(key)) for key in ("target", "deadline", "period", "measure")
        )
    ]
    if only_before:
        notes.append(
            gettext("Alleen in %(programme)s: %(codes)s. Deze KPI's ontbreken hieronder.")
            % {"programme": local_name(before["programme"]), "codes": ", ".join(only_before)}
        )
    if only_after:
        notes.append(
            gettext("Nieuw in %(programme)s: %(codes)s. Deze KPI's hebben geen eerdere waarde.")
            % {"programme": local_name(after["programme"]), "codes": ", ".join(only_after)}
        )
    if changed:
        notes.append(
            gettext("Met een andere streefwaarde, deadline of meetwijze: %(codes)s. Vergelijk hun waarden met zorg.")
            % {"codes": ", ".join(changed)}
        )
    return notes


def compare(before: dict | None, after: dict) -> Comparison:
    """Every comparable figure of two frozen snapshots, per section; ``before`` may be None."""
    return Comparison(
        notes=programme_notes(before, after),
        sections=[
            ComparisonSection("kpis", gettext("KPI's"), _kpi_changes(before, after)),
            ComparisonSection("budget", gettext("Begroting"), _budget_changes(before, after)),
            ComparisonSection("municipalities", gettext("Gemeenten"), _municipality_changes(before, after)),
            ComparisonSection("portfolio", gettext("Interventies"), _portfolio_changes(before, after)),
            ComparisonSection("collaboration", gettext("Samenwerking"), _collaboration_changes(before, after)),
        ],
    )
