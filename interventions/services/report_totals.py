"""A report's figures frozen as they were handed in: how many items, how many participants, how much spent.

The map and the dashboards add up the reach and spending of every counted report. Summing every
item of every report on each request grew with the items (about 100,000 at national scale, a
million at ten times that); these three numbers per report do not. They are written:

- when the report is submitted (``report_submit`` calls ``frozen_totals``);
- when it is sent back or reopened: emptied, as it no longer counts;
- when staff change a counted report or its items in the admin (``refresh_totals``);
- by ``freeze_missing_totals`` for reports loaded in bulk (the benchmark's data; the migration
  that added them).

A counted report whose totals are empty is summed from its items, so a report that reached
"submitted" any other way still counts correctly (``analysis.snapshots.reach_per_municipality``).
"""

from collections.abc import Iterable

from django.db.models import Count, Sum

from interventions.models import Report, ReportItem

# How many items, participants and euros: what each report freezes.
SUMS = {"items": Count("pk"), "reach": Sum("participants_total"), "spending": Sum("spending")}


def frozen_totals(report: Report) -> dict:
    """The three frozen figures of a report, from its items as they are now."""
    sums = ReportItem.objects.filter(report=report).aggregate(**SUMS)
    return {"frozen_items": sums["items"], "frozen_reach": sums["reach"], "frozen_spending": sums["spending"]}


EMPTY = {"frozen_items": None, "frozen_reach": None, "frozen_spending": None}


def refresh_totals(reports: Iterable[Report]) -> None:
    """Freeze the totals again for counted reports, and empty them for the others (after a change in the admin)."""
    for report in reports:
        status = Report.objects.filter(pk=report.pk).values_list("status", flat=True).first()
        if status is None:
            continue  # deleted
        totals = frozen_totals(report) if status in Report.COUNTED_STATUSES else EMPTY
        Report.objects.filter(pk=report.pk).update(**totals)


def freeze_missing_totals() -> int:
    """Freeze the totals of every counted report that has none; returns how many were frozen."""
    missing = Report.objects.filter(status__in=Report.COUNTED_STATUSES, frozen_items__isnull=True)
    sums = {
        row["report_id"]: row
        for row in ReportItem.objects.filter(report__in=missing).order_by().values("report_id").annotate(**SUMS)
    }
    reports = list(missing.only("pk"))
    for report in reports:
        row = sums.get(report.pk, {"items": 0, "reach": None, "spending": None})
        report.frozen_items, report.frozen_reach, report.frozen_spending = row["items"], row["reach"], row["spending"]
    Report.objects.bulk_update(reports, ["frozen_items", "frozen_reach", "frozen_spending"], batch_size=2000)
    return len(reports)
