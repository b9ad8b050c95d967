"""Building blocks for reporting tests: an open period relative to today, grants, interventions,
and small files of every allowed kind made in memory."""

import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from agenda.models import ProtectiveFactor
from interventions.models import Intervention, Report, ReportingPeriod
from interventions.services import reports as services
from municipalities.models import Municipality
from tests.factories import GrantFactory, InterventionFactory, ReportingPeriodFactory


@dataclass
class World:
    today: datetime.date
    period: ReportingPeriod  # open now, deadline ahead
    rotterdam: Municipality
    utrecht: Municipality
    rotterdam_intervention: Intervention
    utrecht_intervention: Intervention
    factor: ProtectiveFactor


def open_period(today: datetime.date, *, deadline_in_days: int = 60) -> ReportingPeriod:
    """The half-year containing today, open since 30 days ago."""
    return ReportingPeriodFactory(
        year=today.year,
        half=1 if today.month <= 6 else 2,
        opens_on=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=deadline_in_days),
    )


def build_world(*, grant_amount: Decimal = Decimal("100000")) -> World:
    today = timezone.localdate()
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    for municipality in (rotterdam, utrecht):
        GrantFactory(municipality=municipality, first_year=today.year, last_year=today.year + 2, amount=grant_amount)
    factor = ProtectiveFactor.objects.get(code="PF01")
    return World(
        today=today,
        period=open_period(today),
        rotterdam=rotterdam,
        utrecht=utrecht,
        rotterdam_intervention=InterventionFactory(name="Weerbaar Rotterdam", municipalities=[rotterdam]),
        utrecht_intervention=InterventionFactory(name="Sterk Utrecht", municipalities=[utrecht]),
        factor=factor,
    )


def start_report(world: World, user, municipality: Municipality | None = None) -> Report:
    return services.report_create(
        municipality=municipality or world.rotterdam, period=world.period, by=user, on=world.today
    )


def fill_report(report: Report, user, *, spending: str = "1000", participants: int = 40) -> Report:
    item = report.items.first()
    return services.report_save(
        report=report,
        by=user,
        revision=Report.objects.get(pk=report.pk).revision,
        items=[
            services.ItemChange(
                intervention_id=item.intervention_id,
                values={
                    "participants_total": participants,
                    "activities": "Bijeenkomsten",
                    "spending": Decimal(spending),
                },
            )
        ],
    )


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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing the five users' passwords the production way costs seconds per test; tests need no such cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
