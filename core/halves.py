"""Half-years: the rhythm of reporting and of the advisory board's dashboards.

One choices type and one set of labels for every app: "2026-H1" for files and
machines, "eerste halfjaar 2026" for people.
"""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Half(models.IntegerChoices):
    FIRST = 1, _("eerste halfjaar")
    SECOND = 2, _("tweede halfjaar")


def half_year_bounds(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a half-year."""
    if half == Half.FIRST:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def half_of(day: datetime.date) -> tuple[int, int]:
    """(year, half) of the half-year a day falls in."""
    return day.year, Half.FIRST if day.month <= 6 else Half.SECOND


def last_ended_half_year(day: datetime.date) -> tuple[int, int]:
    """The latest half-year that has ended on a day: (year, half)."""
    if day >= datetime.date(day.year, 12, 31):
        return day.year, Half.SECOND
    if day >= datetime.date(day.year, 6, 30):
        return day.year, Half.FIRST
    return day.year - 1, Half.SECOND


def half_year_name(year: int, half: int) -> str:
    """'eerste halfjaar 2026', for people."""
    return gettext("%(half)s %(year)s") % {"half": Half(half).label, "year": year}


def half_year_label(day: datetime.date | str) -> str:
    """'2024-H1' for 30 June, '2024-H2' for 31 December, the date itself for any other day."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    if (day.month, day.day) == (6, 30):
        return f"{day.year}-H1"
    if (day.month, day.day) == (12, 31):
        return f"{day.year}-H2"
    return date_format(day, "j M Y")
