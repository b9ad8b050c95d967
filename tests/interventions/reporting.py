"""Building blocks for reporting tests: an open period relative to today, reports in each state of the
reporting world (the `world` fixture of tests/conftest.py), and small files of every allowed kind made in memory."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from interventions.models import Report, ReportingPeriod
from interventions.services import reports as services
from municipalities.models import Municipality
from tests.factories import ReportingPeriodFactory

if TYPE_CHECKING:
    from tests.conftest import World


def open_period(today: datetime.date, *, deadline_in_days: int = 60) -> ReportingPeriod:
    """The half-year containing today, open since 30 days ago."""
    return ReportingPeriodFactory(
        year=today.year,
        half=1 if today.month <= 6 else 2,
        opens_on=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=deadline_in_days),
    )


def start_report(world: World, user, municipality: Municipality | None = None) -> Report:
    return services.report_create(
        municipality=municipality or world.rotterdam, period=world.period, by=user, on=world.today
    )


def save_items(report: Report, user, figures: dict[int, dict]) -> Report:
    """Save figures into a draft or returned report: per intervention (its id), the item's values."""
    return services.report_save(
        report=report,
        by=user,
        revision=Report.objects.get(pk=report.pk).revision,
        items=[services.ItemChange(intervention_id=pk, values=values) for pk, values in figures.items()],
    )


def fill_report(report: Report, user, *, spending: str = "1000", participants: int = 40) -> Report:
    item = report.items.first()
    values = {"participants_total": participants, "activities": "Bijeenkomsten", "spending": Decimal(spending)}
    return save_items(report, user, {item.intervention_id: values})


def submitted_report(world: World, user, municipality: Municipality | None = None) -> Report:
    report = fill_report(start_report(world, user, municipality), user)
    return services.report_submit(report=report, by=user)


# Files -------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def _zip(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), members[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != stored_first:
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def docx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Uitgaven"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
        stored_first="mimetype",
    )


def ods_bytes() -> bytes:
    """An OpenDocument spreadsheet: a zip with a mimetype entry, but not a text document."""
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
        stored_first="mimetype",
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# What the report pages post, and where.


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(report, **overrides) -> dict:
    """What the report page posts when nothing is changed."""
    report = Report.objects.get(pk=report.pk)
    data = {"report-revision": report.revision, "report-summary": report.summary, "action": "save"}
    for item in report.items.all():
        prefix = f"item-{item.intervention_id}"
        # An empty figure is posted as an empty field, as a browser does.
        data[f"{prefix}-participants_total"] = "" if item.participants_total is None else item.participants_total
        data[f"{prefix}-activities"] = item.activities
        data[f"{prefix}-spending"] = "" if item.spending is None else str(item.spending)
    data.update(overrides)
    return data


def edit_url(report) -> str:
    return reverse("interventions:report_edit", args=[report.pk])


def item_field(world, name: str) -> str:
    return f"item-{world.rotterdam_intervention.pk}-{name}"
