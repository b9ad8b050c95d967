"""Files for download: the staff overview and the SiSa spending summary, as CSV and XLSX.

CSV is written the way Dutch spreadsheet programs open it without an import step:
semicolon-separated, decimal comma, UTF-8 with a byte-order mark. XLSX keeps real
numbers and dates. Text that a spreadsheet would run as a formula is defused.
"""

import csv
import datetime
import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from interventions.selectors.report_overview import OverviewRow
from interventions.selectors.reports import STATUS_LABELS, period_label
from interventions.selectors.sisa import SisaRow

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def to_csv(header: list[str], body: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in body:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(header: list[str], body: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([_xlsx_cell(value) for value in row])
    for index, name in enumerate(header, start=1):
        values = [name, *(row[index - 1] for row in body)]
        width = max(len(_plain(value)) for value in values)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
        for cell in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell[0].value, Decimal | float):
                cell[0].number_format = "#,##0.00"
            elif isinstance(cell[0].value, datetime.date):
                cell[0].number_format = "dd-mm-yyyy"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return _defuse(str(value))


def _xlsx_cell(value):
    if isinstance(value, str):
        return _defuse(value)
    return value


def _defuse(text: str) -> str:
    """A cell that starts like a formula is shown as text, never run."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _plain(value) -> str:
    return "" if value is None else str(value)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""
