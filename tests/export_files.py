"""Reading the CSV and XLSX files the portal hands out, as a spreadsheet program would."""

import csv
import io

from django.conf import settings
from openpyxl import load_workbook


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download (streamed or not), with the byte-order mark and semicolons the portal writes."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def xlsx_sheet(response):
    """The one sheet of an XLSX download, opened with openpyxl."""
    return load_workbook(io.BytesIO(response.content)).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def by_first_column(rows: list[list]) -> dict:
    """Data rows by their first cell (the header row left out)."""
    return {row[0]: row for row in rows[1:]}


def queries_of(client, url: str, query: dict | None = None) -> int:
    """How many queries one download takes, the file read to its end."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)
