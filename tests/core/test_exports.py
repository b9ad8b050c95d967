"""The shared export helper: how values become cells, in CSV and in XLSX."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from core.exports import csv_chunks, defuse, to_csv, xlsx_bytes

HEADER = ["Naam", "Aantal", "Bedrag", "Datum", "Openbaar"]
ROWS = [
    ['=HYPERLINK("http://x")', None, Decimal("1234.5"), datetime.date(2026, 3, 1), True],
    ["@SUM(A1)", 0, None, None, False],
    ["gewoon", 7, Decimal("-3"), None, None],
]


def _csv(header, rows) -> list[str]:
    return to_csv(header, rows).decode("utf-8-sig").split("\r\n")


def test_csv_writes_empty_cells_for_missing_figures_and_a_zero_for_zero():
    lines = _csv(HEADER, ROWS)
    assert lines[0] == "Naam;Aantal;Bedrag;Datum;Openbaar"
    assert lines[2] == "'@SUM(A1);0;;;nee"
    assert lines[3] == "gewoon;7;-3,00;;"


def test_csv_defuses_text_that_a_spreadsheet_would_run_as_a_formula():
    assert _csv(HEADER, ROWS)[1] == '"\'=HYPERLINK(""http://x"")";;1234,50;01-03-2026;ja'
    for text in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx"):
        assert defuse(text) == "'" + text
    assert defuse("1-2") == "1-2"


def test_csv_is_written_a_row_at_a_time_with_the_byte_order_mark_first():
    chunks = list(csv_chunks(["a"], iter([["x"], ["y"]])))
    assert chunks == ["\ufeffa\r\n".encode(), b"x\r\n", b"y\r\n"]


def test_xlsx_keeps_numbers_and_dates_and_leaves_missing_figures_empty():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(HEADER, ROWS, title="Lijst: a/b"))).active
    assert sheet.title == "Lijst  a b"
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "'@SUM(A1)"
    assert sheet["B2"].value is None and sheet["B3"].value == 0
    assert sheet["C2"].value == 1234.5 and sheet["C2"].number_format == "#,##0.00"
    assert sheet["D2"].value == datetime.datetime(2026, 3, 1)
    assert [sheet["E2"].value, sheet["E3"].value, sheet["E4"].value] == ["ja", "nee", None]
    assert sheet.freeze_panes == "A2"
