"""The advisory board's half-year dashboard: what it freezes, when it may be published, what changed.

A dashboard's data is ``programme_snapshot`` as of the last day of its half-year
(or as of today while the half-year is still running), plus the texts staff
wrote and a reference to the dashboard it is compared with. A draft computes it
on the fly; publishing freezes it (``analysis.snapshots.freeze``) and from then
on every page renders from the frozen copy only.

What changed between two dashboards is ``analysis.comparison``; how a dashboard
is shown, ``analysis.display.dashboard``.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import Programme
from analysis.display.format import number
from analysis.models import Dashboard
from analysis.selectors.dashboards import earlier_published
from analysis.snapshots import freeze, programme_snapshot
from core.halves import half_year_bounds, half_year_name


def snapshot_date(year: int, half: int, *, today: datetime.date) -> datetime.date:
    """The date a dashboard's figures are taken on: the half-year's last day, or today if that is earlier."""
    return min(half_year_bounds(year, half)[1], today)


def half_year_problem(*, programme: Programme, year: int, half: int, today: datetime.date) -> str | None:
    """Why a half-year can have no dashboard (outside the programme, or not begun yet), or None."""
    start, end = half_year_bounds(year, half)
    context = {"half_year": half_year_name(year, half)}
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
