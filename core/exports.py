"""Tables for download, as CSV or XLSX: the one place where a list of the portal becomes a file.

CSV is written the way Dutch spreadsheet programs open it without an import step:
semicolon-separated, decimal comma, UTF-8 with a byte-order mark. XLSX keeps real
numbers and dates. Text that a spreadsheet would run as a formula is defused in both.
An empty figure (``None``) is an empty cell, never a 0.

A list page describes its file as columns, each a header (the same words as on the
page, in gettext) and how to read the value from a row:

    columns = [Column(_("Gemeente"), lambda grant: grant.municipality.name), ...]
    return export_response(request, fmt=fmt, columns=columns, rows=queryset, name="uitkeringen",
                           title=_("Uitkeringen"), export="grants")

The rows are read one by one (a queryset with ``iterator``), so a file of a hundred
thousand rows neither sits in memory as model instances nor costs a query per row:
the CSV is streamed as it is written, the XLSX written by openpyxl in write-only mode.
Every file handed out is in the security log (``core.audit``).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from decimal import Decimal
from tempfile import SpooledTemporaryFile
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.audit import log_security_event

FORMATS = ("csv", "xlsx")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Rows read from the database at a time: few enough to keep memory flat, many enough to be fast.
CHUNK_SIZE = 2000
# Up to this many bytes an XLSX is built in memory, beyond that in a temporary file.
XLSX_IN_MEMORY = 8 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """One column of a file: its header as on the page, and how its value is read from a row."""

    label: str | Promise
    value: Callable[[Any], Any]


def file_format(request: HttpRequest, fmt: str) -> str:
    """A loader for the access gate: the format in the URL, or a 404 for one the portal does not make."""
    if fmt not in FORMATS:
        raise Http404
    return fmt


def export_links(request: HttpRequest, url_name: str, *args: Any, query: dict | None = None) -> dict[str, str]:
    """The CSV and XLSX links of a page's export control, keeping the page's filters (not its page number).

    ``query`` replaces the request's query string, for a page that shows choices it made itself.
    """
    from django.urls import reverse

    if query is None:
        data = request.GET.copy()
        data.pop("page", None)
        text = data.urlencode()
    else:
        text = urlencode({key: value for key, value in query.items() if value not in (None, "")})
    suffix = f"?{text}" if text else ""
    return {fmt: reverse(url_name, args=[*args, fmt]) + suffix for fmt in FORMATS}


def export_response(
    request: HttpRequest,
    *,
    fmt: str,
    columns: Sequence[Column],
    rows: Iterable[Any],
    name: str,
    title: str | Promise,
    export: str,
    **details: Any,
) -> HttpResponse | StreamingHttpResponse:
    """The rows as a CSV or XLSX download named ``name``, written in the security log as ``export.<fmt>``.

    ``export`` names the list in the log; ``details`` (plain values) say what was chosen.
    A queryset is read in chunks, with the number of rows counted first for the log (one query, whatever
    the number of rows).
    """
    if isinstance(rows, QuerySet):
        details["rows"] = rows.count()
        rows = rows.iterator(chunk_size=CHUNK_SIZE)
    elif isinstance(rows, Sized):
        details["rows"] = len(rows)
    log_security_event(f"export.{fmt}", request=request, export=export, query=request.GET.urlencode(), **details)
    header = [str(column.label) for column in columns]
    body = _values(columns, rows)
    if fmt == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            _in_language(translation.get_language(), csv_chunks(header, body)), content_type=CSV_CONTENT_TYPE
        )
    else:
        response = HttpResponse(xlsx_bytes(header, body, title=str(title)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _values(columns: Sequence[Column], rows: Iterable[Any]) -> Iterator[list]:
    for row in rows:
        yield [column.value(row) for column in columns]


def _in_language(language: str | None, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks, written in the request's language also when the server reads them after the view returned."""
    with translation.override(language):
        yield from chunks


# CSV


class _Line:
    """A file-like object that hands back what the csv writer writes, so each row can be sent at once."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(header: Sequence[str], body: Iterable[Sequence]) -> Iterator[bytes]:
    """The table as CSV, a row at a time: a byte-order mark and the header first."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield ("\ufeff" + writer.writerow([defuse(str(label)) for label in header])).encode("utf-8")
    for row in body:
        yield writer.writerow([csv_cell(value) for value in row]).encode("utf-8")


def to_csv(header: Sequence[str], body: Iterable[Sequence]) -> bytes:
    """The whole table as CSV bytes, for a small table already in memory."""
    return b"".join(csv_chunks(header, body))


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, Decimal | float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int):
        return str(value)
    return defuse(str(value))


# XLSX


def xlsx_bytes(header: Sequence[str], body: Iterable[Sequence], *, title: str) -> bytes:
    """The table as an XLSX workbook of one sheet, written row by row (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    for index, label in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(label)) + 2, 12), 60)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(sheet, defuse(str(label)), font=bold) for label in header])
    for row in body:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    with SpooledTemporaryFile(max_size=XLSX_IN_MEMORY) as out:
        workbook.save(out)
        out.seek(0)
        return out.read()


def xlsx_cell(sheet, value: Any) -> Any:
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, Decimal | float):
        return _styled(sheet, value, number_format="#,##0.00")
    if isinstance(value, datetime.datetime):
        return _styled(sheet, _local(value).replace(tzinfo=None), number_format="dd-mm-yyyy hh:mm")
    if isinstance(value, datetime.date):
        return _styled(sheet, value, number_format="dd-mm-yyyy")
    return defuse(str(value))


def _styled(sheet, value: Any, *, font: Font | None = None, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name, and more than 31 of them.
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31] or "Export"


# Both


def defuse(text: str) -> str:
    """A cell that starts like a formula is shown as text, never run."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def person(user: Any) -> str:
    """A user as a file shows them: the full name, or the user name when there is none."""
    return (user.get_full_name() or user.get_username()) if user else ""


def yes_no(value: bool) -> str:
    return gettext("ja") if value else gettext("nee")
