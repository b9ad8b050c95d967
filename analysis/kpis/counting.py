"""How the computed measures count: per date, in Python over (key, date) pairs, or in the database for the
tables that grow with the programme; and the day and number formats of their drill-downs.

``count_dated`` counts distinct keys per window from pairs fetched once. ``first_days`` lets the
database find each key's first day and returns one row per day; ``count_firsts`` and
``counted_by`` turn those rows into counts for any number of dates with a running sum.
"""

import datetime
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.dates import MONTHS

from agenda.models import Programme
from analysis.kpis.status import counting_window
from core.sql import select_with


def count_dated(pairs: Iterable[tuple], programme: Programme, dates: Sequence[datetime.date], per_year: bool) -> dict:
    """For every day, how many distinct keys have a date in the day's window; ``pairs`` are (key, date).

    Each measure fetches, in one query, the key and the date that decide whether a row
    counts, and counts here for every date at once. These tables hold thousands of
    rows at national scale: cheaper than one filtered count per date in the database,
    and far cheaper to compile.
    """
    pairs = sorted((day, key) for key, day in pairs if day is not None)
    days = [day for day, _key in pairs]
    result = {}
    for day in dates:
        start, end = counting_window(programme, day, per_year)
        window = pairs[bisect_left(days, start) : bisect_right(days, end)]
        result[day] = Decimal(len({key for _day, key in window}))
    return result


def first_days(pairs: QuerySet, *, since: datetime.date | None, per_year: bool) -> list[tuple[datetime.date, int]]:
    """How many keys count from each day on: for each day, the keys whose first date (on or after ``since``) it is.

    ``pairs`` is a query of (key, date). With ``per_year`` a key is first once in every calendar
    year it has a date in. The grouping happens in the database, so what comes back is one row
    per day, however many rows and keys there are: this is what keeps the KPI page's time level
    as the programme's data grows (issue 14's growth curves).
    """
    where, where_params = "WHERE day IS NOT NULL", []
    if since is not None:
        where, where_params = where + " AND day >= %s", [since]
    bucket, bucket_params = "", ()
    if per_year:
        year, bucket_params = connection.ops.date_extract_sql("year", "day", ())
        bucket = f", {year}"
    # Fixed text only (``where`` and ``bucket`` are chosen above); the values are parameters.
    firsts = f"SELECT MIN(day) AS first_day FROM pairs {where} GROUP BY key{bucket}"  # noqa: S608
    rows = select_with(
        [("pairs (key, day)", pairs), ("firsts", (firsts, (*where_params, *bucket_params)))],
        "SELECT first_day, COUNT(*) FROM firsts GROUP BY first_day ORDER BY first_day",
    )
    return [(as_date(day), count) for day, count in rows]


def as_date(value) -> datetime.date:
    # PostgreSQL gives dates; SQLite gives text from a plain cursor.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def count_firsts(
    firsts: list[tuple[datetime.date, int]], programme: Programme, dates: Sequence[datetime.date], per_year: bool
) -> dict:
    """For every day, how many keys count within the day's window, from ``first_days``'s rows."""
    by = counted_by(firsts)
    result = {}
    for day in dates:
        start, end = counting_window(programme, day, per_year)
        result[day] = by(end) - by(start - datetime.timedelta(days=1))
    return result


def counted_by(firsts: list[tuple[datetime.date, int]]) -> Callable[[datetime.date], Decimal]:
    """From ``first_days``'s rows: how many keys had counted by the end of a day (a running sum)."""
    days = [day for day, _count in firsts]
    running = [0]
    for _day, count in firsts:
        running.append(running[-1] + count)
    return lambda day: Decimal(running[bisect_right(days, day)])


def counted_in_db(pairs: QuerySet, programme: Programme, dates: Sequence[datetime.date], per_year: bool) -> dict:
    """``count_dated`` for the tables that grow with the programme: the counting per key happens in the database."""
    return count_firsts(first_days(pairs, since=programme.starts_on, per_year=per_year), programme, dates, per_year)


def once_each(function: Callable) -> Callable:
    """``function`` with each answer kept while one drill-down is listed.

    The lists of the growing tables run to thousands of rows; a day or a label is translated and
    formatted once per list, not once per row (the reader's language does not change within one).
    """
    return functools.lru_cache(maxsize=None)(function)


def format_day(day: datetime.date | None) -> str:
    """The day as "3 maart 2025": what ``date_format(day, "j F Y")`` gives, at a fraction of its cost per row."""
    return f"{day.day} {MONTHS[day.month]} {day.year}" if day else "-"


def format_number(value: Decimal) -> str:
    return f"{value.normalize():f}"


class CountedRows(Sequence):
    """A drill-down read from the database a page at a time.

    ``rows`` is a query of plain rows and ``counted`` makes one member of each. ``len`` counts in the
    database and a slice reads only its own rows, so the API's pages of a long list (K05's thousands
    of interventions at ten times the national data) take the same time however long the list is;
    iterating reads every row once, as the drill-down page does.
    """

    def __init__(self, rows: QuerySet, counted: Callable[[tuple], Any]):
        self.rows = rows
        self.counted = counted

    @functools.cached_property
    def _length(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.counted(row) for row in self.rows[index]]
        if index < 0:
            index += len(self)
        return self.counted(self.rows[index])

    def __iter__(self) -> Iterator:
        return (self.counted(row) for row in self.rows)
