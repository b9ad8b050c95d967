"""The advisory board's half-year dashboard: what it freezes, when it may be published, what changed.

A dashboard's data is ``programme_snapshot`` as of the last day of its half-year
(or as of today while the half-year is still running), plus the texts staff
wrote and a reference to the dashboard it is compared with. A draft computes it
on the fly; publishing freezes it (``analysis.snapshots.freeze``) and from then
on every page renders from the frozen copy only.

``compare`` lines up the figures of two frozen snapshots, so the change since
the previous dashboard and the side-by-side comparison use one computation.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from analysis import kpis
from analysis.charts import fmt
from analysis.models import Dashboard
from analysis.snapshots import freeze, programme_snapshot
from interventions.models import Intervention
from municipalities.models import Organisation

HALVES = {1: _("eerste halfjaar"), 2: _("tweede halfjaar")}


# ---------------------------------------------------------------------------
# Half-years


def half_year_bounds(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a half-year."""
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def last_ended_half_year(day: datetime.date) -> tuple[int, int]:
    """The latest half-year that has ended on a day: (year, half)."""
    if day >= datetime.date(day.year, 12, 31):
        return day.year, 2
    if day >= datetime.date(day.year, 6, 30):
        return day.year, 1
    return day.year - 1, 2


def snapshot_date(year: int, half: int, *, today: datetime.date) -> datetime.date:
    """The date a dashboard's figures are taken on: the half-year's last day, or today if that is earlier."""
    return min(half_year_bounds(year, half)[1], today)


def half_year_title(year: int, half: int) -> str:
    return gettext("%(half)s %(year)s") % {"half": HALVES[half], "year": year}


def dashboard_title(dashboard: Dashboard) -> str:
    """E.g. 'Dashboard eerste halfjaar 2024', with the version when it is a correction."""
    title = gettext("Dashboard %(half_year)s") % {"half_year": half_year_title(dashboard.year, dashboard.half)}
    if dashboard.version > 1:
        title = gettext("%(title)s, versie %(version)s") % {"title": title, "version": dashboard.version}
    return title


def half_year_problem(*, programme: Programme, year: int, half: int, today: datetime.date) -> str | None:
    """Why a half-year can have no dashboard (outside the programme, or not begun yet), or None."""
    start, end = half_year_bounds(year, half)
    context = {"half_year": half_year_title(year, half)}
    if start > today:
        return gettext("Het %(half_year)s is nog niet begonnen: er zijn nog geen gegevens om te laten zien.") % context
    if end < programme.starts_on:
        return gettext(
            "Het %(half_year)s ligt vóór de start van het programma op %(date)s: er zijn geen gegevens "
            "om te laten zien."
        ) % {**context, "date": date_format(programme.starts_on, "j F Y")}
    if start > programme.ends_on:
        return gettext(
            "Het %(half_year)s ligt na het einde van het programma op %(date)s: er zijn geen gegevens om te laten zien."
        ) % {**context, "date": date_format(programme.ends_on, "j F Y")}
    return None


def has_figures(data: dict) -> bool:
    """Whether anything happened by the snapshot's date: a KPI above zero, an intervention, a municipality, money.

    A computed KPI counts zero rather than nothing once the programme has started,
    so a half-year in which nothing happened yet has KPI values that are all zero.
    """
    total = data["budget"]["total"]
    return (
        any(number(k["value"]) for k in data["kpis"])
        or bool(data["portfolio"]["total"])
        or bool(data["municipalities"])
        or bool(number(total["spent"]) or number(total["committed"]))
    )


# ---------------------------------------------------------------------------
# Which dashboard comes before which


def earlier_published(dashboard: Dashboard) -> Dashboard | None:
    """The dashboard this one is compared with: the latest published version of the nearest earlier half-year."""
    earlier = Q(year__lt=dashboard.year) | Q(year=dashboard.year, half__lt=dashboard.half)
    return (
        Dashboard.objects.filter(earlier, programme_id=dashboard.programme_id, status=Dashboard.Status.PUBLISHED)
        .order_by("-year", "-half", "-version")
        .first()
    )


def previous_of(dashboard: Dashboard) -> Dashboard | None:
    """For a published dashboard, the one it was compared with when it was published; for a draft, as of now."""
    if dashboard.status == Dashboard.Status.PUBLISHED:
        reference = (dashboard.snapshot or {}).get("dashboard", {}).get("previous")
        if not reference:
            return None
        return Dashboard.objects.filter(pk=reference["id"], status=Dashboard.Status.PUBLISHED).first()
    return earlier_published(dashboard)


def _reference(dashboard: Dashboard | None) -> dict | None:
    if dashboard is None:
        return None
    return {
        "id": dashboard.pk,
        "year": dashboard.year,
        "half": dashboard.half,
        "version": dashboard.version,
        "content_hash": dashboard.content_hash,
    }


# ---------------------------------------------------------------------------
# The data a dashboard shows


def dashboard_data(dashboard: Dashboard, *, today: datetime.date | None = None) -> dict:
    """Every figure and text of a dashboard as plain data (not yet frozen), computed from the live data."""
    today = today or timezone.localdate()
    start, end = half_year_bounds(dashboard.year, dashboard.half)
    as_of = snapshot_date(dashboard.year, dashboard.half, today=today)
    data = programme_snapshot(programme=dashboard.programme, as_of=as_of)
    data["dashboard"] = {
        "year": dashboard.year,
        "half": dashboard.half,
        "version": dashboard.version,
        "period_start": start,
        "period_end": end,
        "complete_half_year": as_of == end,
        "introduction": dashboard.introduction,
        "highlights": dashboard.highlights,
        "correction_note": dashboard.correction_note,
        "correction_of": _reference(dashboard.correction_of),
        "previous": _reference(earlier_published(dashboard)),
    }
    return data


def frozen_data(dashboard: Dashboard, *, today: datetime.date | None = None) -> dict:
    """What a page shows: the frozen snapshot of a published dashboard, or a draft's live data in the same shape."""
    if dashboard.status == Dashboard.Status.PUBLISHED:
        return dashboard.snapshot
    return freeze(dashboard_data(dashboard, today=today))[0]


def hash_matches(dashboard: Dashboard) -> bool:
    """Whether a published dashboard's stored figures still give its content hash."""
    return bool(dashboard.snapshot) and freeze(dashboard.snapshot)[1] == dashboard.content_hash


def local_name(item: dict) -> str:
    """A frozen name in the language of the page."""
    if (get_language() or "nl").startswith("en") and item.get("name_en"):
        return item["name_en"]
    return item["name"]


def number(value: Any) -> Decimal | None:
    """A frozen figure (int, or Decimal as text) as a Decimal; None stays None."""
    return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------------------
# What changed between two snapshots


UNIT_EURO = "euro"
UNIT_PERCENT = "percent"
UNIT_COUNT = "count"


def format_figure(value: Decimal | None, unit: str = UNIT_COUNT) -> str:
    """A figure the way every dashboard page shows it: Dutch separators, euro sign or percent sign."""
    if value is None:
        return "–"
    decimals = 0 if value == value.to_integral_value() else 1
    if unit == UNIT_EURO:
        return f"€\u00a0{fmt(value, 0)}"
    if unit == UNIT_PERCENT:
        return f"{fmt(value, decimals)}%"
    return fmt(value, decimals)


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

    def __post_init__(self) -> None:
        self._by_key = {change.key: change for section in self.sections for change in section.changes}

    def get(self, key: str) -> Change | None:
        return self._by_key.get(key)


def status_label(code: str) -> str:
    if not code:
        return ""
    return str(kpis.Status(code).label) if code in kpis.Status.values else code


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
        return Decimal(sum(1 for p in data["collaboration"]["partnerships"] if p["active"]))

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


def compare(before: dict | None, after: dict) -> Comparison:
    """Every comparable figure of two frozen snapshots, per section; ``before`` may be None."""
    return Comparison(
        [
            ComparisonSection("kpis", gettext("KPI's"), _kpi_changes(before, after)),
            ComparisonSection("budget", gettext("Begroting"), _budget_changes(before, after)),
            ComparisonSection("municipalities", gettext("Gemeenten"), _municipality_changes(before, after)),
            ComparisonSection("portfolio", gettext("Interventies"), _portfolio_changes(before, after)),
            ComparisonSection("collaboration", gettext("Samenwerking"), _collaboration_changes(before, after)),
        ]
    )


__all__ = [
    "HALVES",
    "Change",
    "Comparison",
    "ComparisonSection",
    "compare",
    "dashboard_data",
    "dashboard_title",
    "earlier_published",
    "format_figure",
    "frozen_data",
    "half_year_bounds",
    "half_year_problem",
    "half_year_title",
    "has_figures",
    "hash_matches",
    "local_name",
    "number",
    "previous_of",
    "snapshot_date",
    "status_label",
]
