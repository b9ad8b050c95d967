"""Writes to the society indicators: reading a CBS StatLine or SCP open-data CSV, previewing it, applying it.

An upload is kept as an ``IndicatorImport`` before anything else happens, so a bad file
is never lost: its page says what is wrong, and staff can pick another value column or
indicator without uploading again. ``import_preview`` reads the file against the values
already stored and says per row what would happen (new, changed, unchanged, skipped, or
an error in Dutch); ``import_apply`` writes only when the preview has no errors.

The same indicator, period and breakdown always land on the same ``IndicatorValue``,
so applying the same file twice changes nothing the second time.

The shapes read:

- a StatLine export: semicolon-separated, quoted headers, an ``ID`` column, a
  ``Perioden`` column with codes such as ``2023JJ00`` (year), ``2023KW02`` (quarter)
  or ``2023MM04`` (month), or their labels (``2023``, ``2023*`` for provisional figures),
  decimal commas, and ``.`` or ``x`` where a figure is missing or secret;
- an SCP table: a ``Jaar`` (or ``Periode``) column and a value column, separated by
  semicolons or commas.

Other columns are a breakdown (``Geslacht: Vrouwen; Regio's: Utrecht``); a row whose
breakdown columns all hold a total (``Totaal ...``, ``Nederland``, a CBS ``T00...`` key)
is the figure for the Netherlands as a whole.
"""

import calendar
import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from analysis.indicator_models import Indicator, IndicatorImport, IndicatorValue
from core.history import save_with_history

MAX_IMPORT_BYTES = 2_000_000
PERIOD_HEADERS = ("perioden", "periode", "jaar", "jaren", "year", "period")
IGNORED_HEADERS = ("id",)
MISSING_MARKS = ("", ".", "x", "?", "-")
TOTAL_MARKS = ("totaal", "nederland", "t00", "nl01")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
VALUE_PLACES = Decimal("0.0001")


class ImportFileError(Exception):
    """A file that cannot be read at all (not text, too large); the message is for the user."""


@dataclass(frozen=True)
class Period:
    label: str
    end: datetime.date
    provisional: bool = False


def parse_period(text: str) -> Period | None:
    """A period code or label of StatLine or SCP (2023JJ00, 2023KW02, 2023MM04, 2023, 2023*), or None."""
    raw = text.strip()
    provisional = raw.endswith("*")
    raw = raw.rstrip("*").strip().lower()
    if match := re.fullmatch(r"(\d{4})(?:jj00)?", raw):
        year = int(match[1])
        return Period(str(year), datetime.date(year, 12, 31), provisional)
    if match := re.fullmatch(r"(\d{4})\s*(?:kw0?|k)([1-4])", raw) or re.fullmatch(r"(\d{4})\s+([1-4])e kwartaal", raw):
        year, quarter = int(match[1]), int(match[2])
        month = quarter * 3
        return Period(f"{year}K{quarter}", _month_end(year, month), provisional)
    if match := re.fullmatch(r"(\d{4})\s*(?:mm|m)(\d{1,2})", raw):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return Period(f"{year}M{month:02d}", _month_end(year, month), provisional)
        return None
    match = re.fullmatch(r"(\d{4})\s+([a-z]+)", raw)
    if match and match[2] in MONTHS:
        year, month = int(match[1]), MONTHS.index(match[2]) + 1
        return Period(f"{year}M{month:02d}", _month_end(year, month), provisional)
    return None


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse_number(text: str, *, delimiter: str) -> Decimal:
    """A figure as written in a Dutch (semicolon) or international (comma) CSV; raises InvalidOperation."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif delimiter == ";" and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    value = Decimal(raw)
    if not value.is_finite():
        raise InvalidOperation
    return value


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            gettext("Het bestand is groter dan %(size)s MB. Splits het op, of kies minder kolommen in de export.")
            % {"size": MAX_IMPORT_BYTES // 1_000_000}
        )
    if b"\x00" in data:
        raise ImportFileError(gettext("Dit is geen tekstbestand. Exporteer de tabel als CSV en probeer het opnieuw."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass
class PreviewRow:
    line: int
    period: str = ""
    period_end: datetime.date | None = None
    breakdown: str = ""
    value: Decimal | None = None
    old_value: Decimal | None = None
    status: str = "error"  # new, changed, unchanged, skipped, error
    message: str = ""


@dataclass
class Preview:
    file_error: str = ""
    columns: list[str] = field(default_factory=list)
    period_column: str = ""
    value_column: str = ""
    breakdown_columns: list[str] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in ("new", "changed", "unchanged", "skipped", "error")}

    @property
    def can_apply(self) -> bool:
        return not self.file_error and not self.count("error") and bool(self.count("new") + self.count("changed"))

    @property
    def has_errors(self) -> bool:
        return bool(self.file_error or self.count("error"))


def _is_total(value: str) -> bool:
    return value.strip().lower().startswith(TOTAL_MARKS)


def _delimiter(text: str) -> str:
    header = text.splitlines()[0] if text else ""
    return max((";", ",", "\t"), key=header.count) if header else ";"


def import_preview(*, upload: IndicatorImport) -> Preview:
    """What applying the upload would do, row by row, against the values stored now (two queries)."""
    preview = Preview()
    text = upload.content
    if not text.strip():
        preview.file_error = gettext("Het bestand is leeg.")
        return preview
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
    except (csv.Error, StopIteration):
        preview.file_error = gettext("De eerste regel van het bestand is geen kopregel met kolomnamen.")
        return preview
    preview.columns = header
    lowered = [cell.lower() for cell in header]
    period_index = next(
        (i for i, name in enumerate(lowered) if name in PERIOD_HEADERS or name.startswith("perioden")), None
    )
    if period_index is None:
        preview.file_error = gettext(
            "Er is geen kolom met de periode gevonden. Verwacht wordt een kolom 'Perioden', 'Periode' of 'Jaar'; "
            "dit bestand heeft de kolommen: %(columns)s."
        ) % {"columns": ", ".join(header)}
        return preview
    preview.period_column = header[period_index]
    if upload.value_column.strip():
        wanted = upload.value_column.strip().lower()
        value_index = next((i for i, name in enumerate(lowered) if name == wanted), None)
        if value_index is None:
            preview.file_error = gettext(
                "De kolom '%(column)s' staat niet in het bestand. Kies een van: %(columns)s."
            ) % {"column": upload.value_column, "columns": ", ".join(header)}
            return preview
    else:
        value_index = len(header) - 1
    if value_index == period_index:
        preview.file_error = gettext(
            "De kolom met de waarde is dezelfde als de kolom met de periode. Kies een andere kolom met de waarde."
        )
        return preview
    preview.value_column = header[value_index]
    breakdown_indexes = [
        i for i, name in enumerate(lowered) if i not in (period_index, value_index) and name not in IGNORED_HEADERS
    ]
    preview.breakdown_columns = [header[i] for i in breakdown_indexes]
    stored = {(v.period, v.breakdown): v.value for v in IndicatorValue.objects.filter(indicator_id=upload.indicator_id)}
    seen: dict[tuple[str, str], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            preview.rows.append(
                _preview_row(cells, line, header, period_index, value_index, breakdown_indexes, delimiter, stored, seen)
            )
    except csv.Error as error:
        preview.file_error = gettext("Regel %(line)s kan niet als CSV worden gelezen (%(error)s).") % {
            "line": reader.line_num,
            "error": error,
        }
    if not preview.rows and not preview.file_error:
        preview.file_error = gettext("Het bestand heeft een kopregel maar geen regels met cijfers.")
    return preview


def _preview_row(cells, line, header, period_index, value_index, breakdown_indexes, delimiter, stored, seen):
    row = PreviewRow(line=line)
    if len(cells) != len(header):
        row.message = gettext("Deze regel heeft %(found)s kolommen; de kopregel heeft er %(expected)s.") % {
            "found": len(cells),
            "expected": len(header),
        }
        return row
    period = parse_period(cells[period_index])
    if period is None:
        row.message = gettext(
            "'%(period)s' is geen periode die de portal kent (bijvoorbeeld 2023, 2023JJ00, 2023KW02 of 2023MM04)."
        ) % {"period": cells[period_index]}
        return row
    row.period, row.period_end = period.label, period.end
    row.breakdown = "; ".join(
        f"{header[i]}: {cells[i].strip()}" for i in breakdown_indexes if cells[i].strip() and not _is_total(cells[i])
    )
    key = (row.period, row.breakdown)
    if key in seen:
        row.message = gettext("Deze periode en uitsplitsing staan ook al op regel %(line)s.") % {"line": seen[key]}
        return row
    seen[key] = line
    raw = cells[value_index].strip()
    if raw.lower() in MISSING_MARKS:
        row.status = "skipped"
        row.message = gettext("geen waarde in het bestand ('%(mark)s')") % {"mark": raw}
        return row
    try:
        row.value = parse_number(raw, delimiter=delimiter).quantize(VALUE_PLACES)
    except InvalidOperation:
        row.message = gettext("'%(value)s' is geen getal.") % {"value": raw}
        return row
    if abs(row.value) >= Decimal("1e12"):
        row.message = gettext("'%(value)s' is te groot.") % {"value": raw}
        return row
    if key not in stored:
        row.status = "new"
    else:
        row.old_value = stored[key]
        row.status = "unchanged" if stored[key].quantize(VALUE_PLACES) == row.value else "changed"
    if period.provisional:
        row.message = gettext("Voorlopig cijfer.")
    return row


def import_upload(*, indicator: Indicator, file_name: str, data: bytes, value_column: str, by: User) -> IndicatorImport:
    """Keep an uploaded CSV for preview; raises ImportFileError when it is not a readable text file."""
    text = decode_upload(data)
    upload = IndicatorImport(
        indicator=indicator,
        file_name=file_name[:255],
        content=text,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        value_column=value_column.strip(),
        uploaded_by=by,
    )
    return save_with_history(instance=upload, by=by)


def import_change(*, upload: IndicatorImport, indicator: Indicator, value_column: str, by: User) -> None:
    """Read the same file again for another indicator or value column (before it is applied)."""
    upload.indicator = indicator
    upload.value_column = value_column.strip()
    save_with_history(instance=upload, by=by)


def import_apply(*, upload: IndicatorImport, by: User) -> Preview:
    """Write the new and changed values of an upload; refused (nothing written) while the preview has errors."""
    with transaction.atomic():
        upload = IndicatorImport.objects.select_for_update().get(pk=upload.pk)
        preview = import_preview(upload=upload)
        if preview.has_errors:
            return preview
        existing = {
            (v.period, v.breakdown): v
            for v in IndicatorValue.objects.filter(indicator_id=upload.indicator_id).select_for_update()
        }
        for row in preview.rows:
            if row.status not in ("new", "changed") or row.value is None or row.period_end is None:
                continue
            value = existing.get((row.period, row.breakdown)) or IndicatorValue(
                indicator_id=upload.indicator_id, period=row.period, breakdown=row.breakdown
            )
            value.period_end = row.period_end
            value.value = row.value
            value.note = row.message
            value.provenance = IndicatorValue.Provenance.IMPORT
            value.source_import = upload
            value.source_row = row.line
            value.recorded_by = by
            save_with_history(instance=value, by=by, reason=gettext("Import %(file)s") % {"file": upload.file_name})
        upload.applied_at = timezone.now()
        upload.applied_by = by
        upload.summary = preview.counts
        save_with_history(instance=upload, by=by)
    return preview


def value_record(
    *, indicator: Indicator, period: str, breakdown: str, value: Decimal, note: str, by: User
) -> IndicatorValue:
    """Record or correct one figure by hand: the same indicator, period and breakdown is the same figure."""
    parsed = parse_period(period)
    if parsed is None:
        raise ValidationError(
            {
                "period": gettext(
                    "'%(period)s' is geen periode die de portal kent (bijvoorbeeld 2023, 2023JJ00, 2023KW02 of "
                    "2023MM04)."
                )
                % {"period": period}
            }
        )
    breakdown = breakdown.strip()
    with transaction.atomic():
        figure = IndicatorValue.objects.select_for_update().filter(
            indicator=indicator, period=parsed.label, breakdown=breakdown
        ).first() or IndicatorValue(indicator=indicator, period=parsed.label, breakdown=breakdown)
        figure.period_end = parsed.end
        figure.value = value.quantize(VALUE_PLACES)
        figure.note = note.strip()
        figure.provenance = IndicatorValue.Provenance.MANUAL
        figure.source_import = None
        figure.source_row = None
        figure.recorded_by = by
        return save_with_history(instance=figure, by=by)


def indicator_save(*, indicator: Indicator, by: User) -> Indicator:
    """Add an indicator to the register or change what it says; one history entry per save."""
    return save_with_history(instance=indicator, by=by)
