"""``python -m loadtest.verify``: the figures per route, and the database checked against what the users did.

Reads locust's statistics (``--csv`` prefix), the records the users wrote and the accounts file,
and the load test's database (DATABASE_URL). Prints requests per second, p50, p95 and p99 per
route, the errors, and whether every report a user handed in is in the database exactly once
with every item as the user saved it. Exit status 1 when a target is missed.
"""

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

# Targets (issue 14): p95 per route, in milliseconds.
P95_TARGETS = {"save items": 300.0, "KPI page": 200.0}
DONE = {"submitted", "accepted"}


@dataclass(frozen=True)
class RouteStat:
    method: str
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


def _numbers(row: dict):
    def number(column: str) -> float:
        value = row.get(column) or "0"
        return float(value) if value != "N/A" else 0.0

    return number


def parse_stats(text: str) -> list[RouteStat]:
    """Locust's ``*_stats.csv``: one row per route, and the total ("Aggregated")."""
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        number = _numbers(row)
        rows.append(
            RouteStat(
                method=row.get("Type") or "",
                name=row["Name"],
                requests=int(number("Request Count")),
                failures=int(number("Failure Count")),
                rps=number("Requests/s"),
                p50=number("50%"),
                p95=number("95%"),
                p99=number("99%"),
            )
        )
    return rows


def stats_table(stats: list[RouteStat]) -> str:
    header = f"{'route':28} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}"
    lines = [header, "-" * len(header)]
    for s in stats:
        label = s.name if s.name == "Aggregated" else f"{s.method} {s.name}"
        if s.name == "Aggregated":
            lines.append("-" * len(header))
            label = "all routes"
        lines.append(
            f"{label:28} {s.requests:8d} {s.failures:6d} {s.rps:7.2f} {s.p50:5.0f}ms {s.p95:5.0f}ms {s.p99:5.0f}ms"
        )
    return "\n".join(lines)


@dataclass
class Findings:
    checked: int = 0
    lost: list[int] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    unrecorded: list[int] = field(default_factory=list)
    not_accepted: list[int] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (self.lost or self.duplicated or self.mismatched or self.unrecorded or self.not_accepted)


# Empty means "not filled in" and 0 means zero, in the form as in the database: they differ.
def _count(value) -> int | None:
    text = "" if value is None else str(value).strip()
    return int(text) if text else None


def _euros(value) -> Decimal | None:
    text = "" if value is None else str(value).strip().replace(",", ".")
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return Decimal("-1")


def _same_item(sent: dict, stored: dict) -> bool:
    return (
        _count(sent.get("participants_total")) == _count(stored.get("participants_total"))
        and _euros(sent.get("spending")) == _euros(stored.get("spending"))
        and str(sent.get("activities", "")).strip() == str(stored.get("activities", "")).strip()
    )


def compare_reports(
    records: list[dict], rows: list[dict], accepted: list[int] = (), accepted_in_database: set[int] = frozenset()
) -> Findings:
    """Compare what users handed in (records) with the reports of the load periods in the database (rows).

    A record is "submitted" when the user saw the portal confirm it, "submitting" when the run
    stopped before the answer came (then either outcome is right, but a stored report must be whole).
    Each row: report, municipality, period, status, items {intervention id: values}. Reports staff
    accepted (``accepted``) must be among ``accepted_in_database``.
    """
    findings = Findings()
    by_report = {row["report"]: row for row in rows}
    for (municipality, period), count in Counter((r["municipality"], r["period"]) for r in rows).items():
        if count > 1:
            findings.duplicated.append(f"municipality {municipality}, period {period}: {count} reports")
    recorded = set()
    for record in records:
        report = record["report"]
        row = by_report.get(report)
        handed_in = row is not None and row["status"] in DONE
        if record["state"] == "submitted":
            recorded.add(report)
        elif handed_in:
            recorded.add(report)  # the answer was lost, the report was not
        else:
            continue
        findings.checked += 1
        if not handed_in:
            findings.lost.append(report)
            continue
        stored = {str(k): v for k, v in row["items"].items()}
        sent = {str(k): v for k, v in record["items"].items()}
        if set(stored) != set(sent):
            findings.mismatched.append(f"report {report}: items {sorted(sent)} sent, {sorted(stored)} stored")
            continue
        for intervention, values in sent.items():
            if not _same_item(values, stored[intervention]):
                findings.mismatched.append(
                    f"report {report}, intervention {intervention}: {values} != {stored[intervention]}"
                )
    findings.unrecorded = sorted(r["report"] for r in rows if r["status"] in DONE and r["report"] not in recorded)
    findings.not_accepted = sorted(set(accepted) - set(accepted_in_database))
    return findings


def targets(stats: list[RouteStat], findings: Findings, *, exceptions: int = 0) -> list[tuple[str, bool]]:
    """(line, met) per target; ``exceptions``: errors in the users' own steps (a page without its form, say)."""
    errors = sum(s.failures for s in stats if s.name != "Aggregated")
    detail = f" ({errors} failed requests, {exceptions} failed steps)" if exceptions else ""
    lines = [(f"0 errors: {errors + exceptions}{detail}", errors + exceptions == 0)]
    lines.append(
        (
            f"0 lost or duplicated reports: {findings.checked} handed in and checked, {len(findings.lost)} lost, "
            f"{len(findings.duplicated)} duplicated, {len(findings.mismatched)} with items not as saved, "
            f"{len(findings.unrecorded)} in the database that no user handed in, "
            f"{len(findings.not_accepted)} accepted but not stored as accepted",
            findings.passed,
        )
    )
    by_name = {s.name: s for s in stats}
    for name, limit in P95_TARGETS.items():
        stat = by_name.get(name)
        if stat is None or stat.requests == 0:
            lines.append((f"p95 {name} <= {limit:g} ms: no requests", False))
        else:
            lines.append((f"p95 {name} <= {limit:g} ms: {stat.p95:.0f} ms", stat.p95 <= limit))
    return lines


def database_rows(periods: list[int]) -> list[dict]:
    from interventions.models import Report, ReportItem

    reports = {
        pk: {"report": pk, "municipality": municipality, "period": period, "status": status, "items": {}}
        for pk, municipality, period, status in Report.objects.filter(period_id__in=periods).values_list(
            "pk", "municipality_id", "period_id", "status"
        )
    }
    for report, intervention, total, spending, activities in ReportItem.objects.filter(
        report__period_id__in=periods
    ).values_list("report_id", "intervention_id", "participants_total", "spending", "activities"):
        reports[report]["items"][str(intervention)] = {
            "participants_total": total,
            "spending": "" if spending is None else str(spending),
            "activities": activities,
        }
    return list(reports.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.verify", description=__doc__.splitlines()[0])
    parser.add_argument("--stats", type=Path, required=True, help="locust's *_stats.csv")
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--accounts", type=Path, required=True)
    parser.add_argument("--failures", type=Path, help="locust's *_failures.csv")
    parser.add_argument("--exceptions", type=Path, help="locust's *_exceptions.csv")
    options = parser.parse_args(argv)

    stats = parse_stats(options.stats.read_text("utf-8"))
    print(stats_table(stats))
    if options.failures and options.failures.exists():
        failures = list(csv.DictReader(io.StringIO(options.failures.read_text("utf-8"))))
        if failures:
            print("\nErrors:")
            for row in failures:
                print(f"  {row['Occurrences']:>5} x {row['Method']} {row['Name']}: {row['Error']}")
    exceptions = 0
    if options.exceptions and options.exceptions.exists():
        rows = list(csv.DictReader(io.StringIO(options.exceptions.read_text("utf-8"))))
        for row in rows:
            exceptions += int(row.get("Count") or 0)
            print(f"  {row.get('Count', ''):>5} x failed step: {row.get('Message', '')}")
    records = json.loads(options.records.read_text("utf-8")) if options.records.exists() else {}
    accounts = json.loads(options.accounts.read_text("utf-8"))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from interventions.models import Report

    accepted = records.get("accepted", [])
    findings = compare_reports(
        records.get("reports", []),
        database_rows(accounts["periods"]),
        accepted,
        set(Report.objects.filter(pk__in=accepted, status=Report.Status.ACCEPTED).values_list("pk", flat=True)),
    )
    for problem in [*findings.duplicated, *findings.mismatched][:20]:
        print("  " + problem)
    if findings.lost:
        print(f"  lost: {findings.lost[:20]}")
    if findings.unrecorded:
        print(f"  in the database, not handed in by a user: {findings.unrecorded[:20]}")
    print("\nTargets:")
    lines = targets(stats, findings, exceptions=exceptions)
    for line, met in lines:
        print(f"  {'met   ' if met else 'MISSED'}  {line}")
    return 0 if all(met for _line, met in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
