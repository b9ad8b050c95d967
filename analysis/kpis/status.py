"""The status rules of a KPI: pure arithmetic on dates and numbers, no database access.

A KPI's progress (actual / target) is compared with the straight line from the start
of its period to its deadline (for per-year KPIs: 1 January to 31 December);
"expected" is the share of that period passed. A yearly moment, such as the conference,
does not grow along a line: such a KPI names the month it falls in (``due_month``), and
nothing is expected of it until that month has passed; then all of it is.
"""

import calendar
import datetime
from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agenda.models import Kpi, Programme

ON_TRACK_SHARE = Decimal("0.90")  # at least 90% of the expected progress
AT_RISK_SHARE = Decimal("0.60")  # at least 60% of the expected progress


class Status(models.TextChoices):
    """A KPI's status as of a date, in the order the pages list them."""

    ACHIEVED = "achieved", _("Behaald")
    ON_TRACK = "on_track", _("Op koers")
    AT_RISK = "at_risk", _("Risico")
    BEHIND = "behind", _("Achter")
    NO_DATA = "no_data", _("Geen gegevens")


def status_rules() -> list[tuple[str, str | Promise]]:
    """The status rules in words, for the pages and the PDF."""
    on_track = int(ON_TRACK_SHARE * 100)
    at_risk = int(AT_RISK_SHARE * 100)
    return [
        (Status.ACHIEVED, _("De werkelijke waarde is gelijk aan of hoger dan de streefwaarde.")),
        (
            Status.ON_TRACK,
            _(
                "De voortgang is ten minste %(share)s%% van wat volgens de rechte lijn van start tot "
                "deadline verwacht mag worden."
            )
            % {"share": on_track},
        ),
        (
            Status.AT_RISK,
            _("De voortgang is %(low)s%% tot %(high)s%% van wat volgens de rechte lijn verwacht mag worden.")
            % {"low": at_risk, "high": on_track},
        ),
        (
            Status.BEHIND,
            _(
                "De voortgang is minder dan %(share)s%% van het verwachte, of de deadline is verstreken "
                "zonder dat de streefwaarde is behaald."
            )
            % {"share": at_risk},
        ),
        (
            Status.ON_TRACK,
            _(
                "Een jaarlijks moment, zoals de conferentie, staat op koers tot en met de maand waarin het valt; "
                "is die maand voorbij zonder dat de streefwaarde is behaald, dan staat het achter."
            ),
        ),
        (Status.NO_DATA, _("Er is nog niets gemeten: geen vastgelegde waarde, of de meetwijze is onbekend.")),
    ]


def counting_window(programme: Programme, day: datetime.date, per_year: bool) -> tuple[datetime.date, datetime.date]:
    """The days a count as of ``day`` covers: its calendar year for a per-year KPI, else all of the programme
    up to it; never before the programme started."""
    start = max(datetime.date(day.year, 1, 1), programme.starts_on) if per_year else programme.starts_on
    return start, day


def due_date(kpi: Kpi, as_of: datetime.date) -> datetime.date | None:
    """For a yearly moment: the last day of the month it falls in, in the year of ``as_of``."""
    if kpi.period != Kpi.Period.PER_YEAR or not kpi.due_month:
        return None
    return datetime.date(as_of.year, kpi.due_month, calendar.monthrange(as_of.year, kpi.due_month)[1])


def period_of(kpi: Kpi, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The stretch of time a KPI's target applies to, for a date."""
    if kpi.period == Kpi.Period.PER_YEAR:
        return datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31)
    # A KPI that is not per year has a deadline: the constraint kpi_deadline_required sees to it.
    assert kpi.deadline is not None
    return kpi.programme.starts_on, kpi.deadline


def expected_share(kpi: Kpi, as_of: datetime.date) -> Decimal:
    """The share of the KPI's period that has passed: the straight line's height on that date."""
    due = due_date(kpi, as_of)
    if due is not None:
        return Decimal(1) if as_of > due else Decimal(0)
    start, end = period_of(kpi, as_of)
    if as_of >= end:
        return Decimal(1)
    if as_of < start:
        return Decimal(0)
    total = (end - start).days or 1
    return Decimal((as_of - start).days) / Decimal(total)


def status_for(kpi: Kpi, value: Decimal | None, as_of: datetime.date) -> str:
    """Achieved, on track, at risk, behind, or no data; see status_rules()."""
    if value is None:
        return Status.NO_DATA
    if value >= kpi.target:
        return Status.ACHIEVED
    _start, end = period_of(kpi, as_of)
    if as_of >= end:
        return Status.BEHIND
    expected = expected_share(kpi, as_of)
    progress = value / kpi.target if kpi.target else Decimal(1)
    if progress >= expected * ON_TRACK_SHARE:
        return Status.ON_TRACK
    if progress >= expected * AT_RISK_SHARE:
        return Status.AT_RISK
    return Status.BEHIND


def half_year_ends(start: datetime.date, until: datetime.date) -> list[datetime.date]:
    """30 June and 31 December from the half-year containing ``start`` up to ``until``, plus ``until``."""
    points: list[datetime.date] = []
    year = start.year
    while True:
        for day in (datetime.date(year, 6, 30), datetime.date(year, 12, 31)):
            if day < start:
                continue
            if day > until:
                if not points or points[-1] != until:
                    points.append(until)
                return points
            points.append(day)
        year += 1
