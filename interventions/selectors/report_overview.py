"""The staff overview of one reporting period: a row per expected municipality, and counts per status."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from core.access import User
from interventions.models import Report, ReportingPeriod
from interventions.selectors.reports import (
    MISSING,
    OUTSTANDING_STATUSES,
    STATUS_LABELS,
    expected_municipalities,
    is_overdue,
    reports_visible_to,
)
from municipalities.models import Municipality


@dataclass
class OverviewRow:
    municipality: Municipality
    period: ReportingPeriod
    report: Report | None
    is_overdue: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else MISSING


@dataclass
class StatusCount:
    code: str
    label: str
    count: int


@dataclass
class Overview:
    period: ReportingPeriod
    rows: list[OverviewRow]
    counts: list[StatusCount]
    overdue_count: int


def report_overview(
    *, user: User, reports: QuerySet[Report], period: ReportingPeriod, filters: dict, on: datetime.date
) -> Overview:
    """One row per report of the period, plus one per expected municipality that has not started.

    `reports` is the FilterSet's result (already scoped to the user and filtered);
    `filters` its cleaned data, which decides whether municipalities without a report
    are shown, so the page and the API filter the same way.
    """
    rows = [
        OverviewRow(
            municipality=report.municipality,
            period=report.period,
            report=report,
            is_overdue=is_overdue(period=report.period, status=report.status, on=on),
        )
        for report in reports
    ]
    missing = Municipality.objects.none()
    status = filters.get("status")
    overdue = filters.get("overdue")
    past_deadline = on > period.deadline
    if status in (None, "", MISSING) and overdue in (None, past_deadline):
        missing = expected_municipalities(year=period.year).exclude(reports__period=period)
        if filters.get("municipality"):
            missing = missing.filter(pk=filters["municipality"].pk)
    rows += [
        OverviewRow(municipality=municipality, period=period, report=None, is_overdue=past_deadline)
        for municipality in missing
    ]
    rows.sort(key=lambda row: (row.municipality.name, row.municipality.cbs_code))
    counts, overdue_count = _status_counts(user=user, period=period, on=on)
    return Overview(period=period, rows=rows, counts=counts, overdue_count=overdue_count)


def _status_counts(*, user: User, period: ReportingPeriod, on: datetime.date) -> tuple[list[StatusCount], int]:
    by_status = dict(
        reports_visible_to(user=user)
        .filter(period=period)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    missing = expected_municipalities(year=period.year).exclude(reports__period=period).count()
    counts = [StatusCount(MISSING, STATUS_LABELS[MISSING], missing)] + [
        StatusCount(code, STATUS_LABELS[code], by_status.get(code, 0)) for code in Report.Status.values
    ]
    overdue = 0
    if on > period.deadline:
        overdue = missing + sum(by_status.get(code, 0) for code in OUTSTANDING_STATUSES)
    return counts, overdue
