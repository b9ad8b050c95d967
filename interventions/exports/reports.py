"""The tables of two staff downloads: the report overview and the SiSa spending summary.

How a table becomes a CSV or XLSX file is ``core.exports``.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import person as _person
from interventions.selectors.report_overview import OverviewRow
from interventions.selectors.reports import STATUS_LABELS, period_label
from interventions.selectors.sisa import SisaRow


def overview_table(rows: Sequence[OverviewRow]) -> tuple[list[str], list[list]]:
    header = [
        _("Periode"),
        _("CBS-code"),
        _("Gemeente"),
        _("Status"),
        _("Te laat"),
        _("Uiterste inleverdatum"),
        _("Ingediend op"),
        _("Ingediend door"),
        _("Beoordeeld op"),
        _("Beoordeeld door"),
        _("Bereikte deelnemers"),
        _("Uitgaven (euro)"),
    ]
    body = []
    for row in rows:
        report = row.report
        body.append(
            [
                period_label(row.period),
                row.municipality.cbs_code,
                row.municipality.name,
                str(STATUS_LABELS[row.status]),
                _("ja") if row.is_overdue else _("nee"),
                row.period.deadline,
                _local_date(report.submitted_at) if report else None,
                _person(report.submitted_by) if report else "",
                _local_date(report.reviewed_at) if report else None,
                _person(report.reviewed_by) if report else "",
                (report.total_participants or 0) if report else None,
                (report.total_spending or Decimal("0")) if report else None,
            ]
        )
    return header, body


def sisa_table(rows: Sequence[SisaRow]) -> tuple[list[str], list[list]]:
    header = [
        _("CBS-code"),
        _("Gemeente"),
        _("Regeling"),
        _("SiSa-code"),
        _("Jaren"),
        _("Toegekend bedrag (euro)"),
        _("Besteding in jaar T (euro)"),
        _("Cumulatieve besteding t/m jaar T (euro)"),
        _("Over te dragen bedrag (euro)"),
        _("Eindverantwoording (ja/nee)"),
        _("Alle verslagen over jaar T geaccepteerd"),
    ]
    body = [
        [
            row.municipality.cbs_code,
            row.municipality.name,
            ", ".join(sorted({grant.regulation for grant in row.budget.grants})),
            row.budget.sisa_codes,
            f"{row.budget.first_year}-{row.budget.last_year}",
            row.budget.amount,
            row.spending_in_year,
            row.cumulative,
            row.carried_over,
            _("ja") if row.is_final else _("nee"),
            _("ja") if row.all_reports_accepted else _("nee"),
        ]
        for row in rows
    ]
    return header, body


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None
