"""Attachments are judged by their content, not by their name or the browser's content type."""

import io

import pytest

from core import uploads
from tests.interventions.reporting import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    _zip,
    docx_bytes,
    ods_bytes,
    odt_bytes,
    xlsx_bytes,
)

MB = 1024 * 1024


def _id(value) -> str | None:
    # Made-up files (zip and xlsx bytes hold the time they were made) are named by their file name instead,
    # so every process of a parallel run collects the same test names.
    return "content" if isinstance(value, bytes) else None


def _check(name: str, content: bytes, *, max_bytes: int = 20 * MB) -> uploads.FileKind:
    return uploads.check_upload(io.BytesIO(content), name=name, size=len(content), max_bytes=max_bytes)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("verslag.pdf", PDF_BYTES, uploads.PDF),
        ("foto.png", PNG_BYTES, uploads.PNG),
        ("foto.jpg", JPEG_BYTES, uploads.JPEG),
        ("foto.JPEG", JPEG_BYTES, uploads.JPEG),
        ("tekst.docx", docx_bytes(), uploads.DOCX),
        ("begroting.xlsx", xlsx_bytes(), uploads.XLSX),
        ("tekst.odt", odt_bytes(), uploads.ODT),
    ],
    ids=_id,
)
def test_it_accepts_each_allowed_kind_by_content(name, content, kind):
    assert _check(name, content) == kind


def test_it_tells_the_zip_based_office_formats_apart():
    assert uploads.detect_kind(io.BytesIO(docx_bytes())) == uploads.DOCX
    assert uploads.detect_kind(io.BytesIO(xlsx_bytes())) == uploads.XLSX
    assert uploads.detect_kind(io.BytesIO(odt_bytes())) == uploads.ODT


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tekst.xlsx", docx_bytes()),
        ("begroting.docx", xlsx_bytes()),
        ("tekst.pdf", odt_bytes()),
        ("foto.png", JPEG_BYTES),
        ("verslag.docx", PDF_BYTES),
    ],
    ids=_id,
)
def test_it_rejects_content_that_does_not_match_the_name(name, content):
    with pytest.raises(uploads.UploadRejected, match="past niet bij de bestandsnaam"):
        _check(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("script.pdf", b"<html><script>alert(1)</script></html>"),
        ("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("archief.docx", _zip({"readme.txt": b"hallo"})),
        ("rekenblad.odt", ods_bytes()),
        ("kapot.xlsx", b"PK\x03\x04 this is not a real zip file"),
        ("tekst.txt", b"gewone tekst"),
    ],
    ids=_id,
)
def test_it_rejects_content_of_any_other_kind(name, content):
    with pytest.raises(uploads.UploadRejected, match="geen bestand dat u kunt toevoegen"):
        _check(name, content)


def test_it_rejects_a_file_over_the_limit_and_says_the_limit():
    with pytest.raises(uploads.UploadRejected) as rejected:
        uploads.check_upload(io.BytesIO(PDF_BYTES), name="groot.pdf", size=20 * MB + 1, max_bytes=20 * MB)
    assert "hoogstens 20 MB" in str(rejected.value)


def test_a_file_of_exactly_the_limit_is_accepted():
    assert uploads.check_upload(io.BytesIO(PDF_BYTES), name="a.pdf", size=20 * MB, max_bytes=20 * MB) == uploads.PDF


def test_it_rejects_an_empty_file():
    with pytest.raises(uploads.UploadRejected, match="leeg"):
        _check("leeg.pdf", b"")


def test_stored_names_cannot_be_guessed():
    names = {uploads.storage_name(uploads.PDF) for _ in range(50)}
    assert len(names) == 50
    assert all(name.endswith(".pdf") and len(name) > 40 for name in names)


def test_the_original_name_loses_any_folder_part():
    assert uploads.clean_original_name("C:\\Users\\bob\\verslag.pdf") == "verslag.pdf"
    assert uploads.clean_original_name("../../etc/passwd.pdf") == "passwd.pdf"
    long_name = "a" * 300 + ".pdf"
    assert len(uploads.clean_original_name(long_name)) == 255
    assert uploads.clean_original_name(long_name).endswith(".pdf")
