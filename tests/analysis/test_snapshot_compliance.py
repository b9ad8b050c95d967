"""Whether a report came in on time is judged by the day in the Netherlands, not the day in UTC.

A report handed in at half past midnight after the deadline day is late, though it is still the deadline
day in UTC (23:30); one handed in at half past eleven in the evening of the deadline day is on time.
"""

import datetime
from types import SimpleNamespace

import pytest

from analysis.snapshots import _compliance
from interventions.models import Report

DEADLINE = datetime.date(2025, 2, 28)
UTC = datetime.UTC


def _judged(submitted_at: datetime.datetime) -> dict:
    grant = SimpleNamespace(first_year=2024, last_year=2024)
    period = SimpleNamespace(pk=7, year=2024, deadline=DEADLINE)
    reports = {(1, period.pk): (Report.Status.SUBMITTED, submitted_at)}
    return _compliance([grant], [period], reports, 1)


@pytest.mark.parametrize(
    ("submitted_at", "on_time", "late"),
    [
        (datetime.datetime(2025, 2, 28, 22, 30, tzinfo=UTC), 1, 0),  # 23:30 on 28 February in Amsterdam
        (datetime.datetime(2025, 2, 28, 23, 30, tzinfo=UTC), 0, 1),  # 00:30 on 1 March in Amsterdam
        (datetime.datetime(2025, 3, 1, 0, 30, tzinfo=UTC), 0, 1),
    ],
)
def test_a_report_is_on_time_by_the_dutch_day(submitted_at, on_time, late):
    judged = _judged(submitted_at)
    assert (judged["reports_on_time"], judged["reports_late"], judged["reports_missing"]) == (on_time, late, 0)
