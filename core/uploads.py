"""What an uploaded attachment really is, judged by its content rather than its name.

PDF, PNG and JPEG are told by their magic bytes (the `filetype` library). DOCX,
XLSX and ODT are all zip files, so their first bytes are the same; they are told
apart by the members inside the zip: `word/document.xml`, `xl/workbook.xml`, or an
OpenDocument `mimetype` entry naming a text document.
"""

import math
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    label: str
    mime: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("PDF", "application/pdf", ("pdf",))
DOCX = FileKind("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = FileKind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
ODT = FileKind("ODT", "application/vnd.oasis.opendocument.text", ("odt",))
PNG = FileKind("PNG", "image/png", ("png",))
JPEG = FileKind("JPG", "image/jpeg", ("jpg", "jpeg"))

ALLOWED_KINDS = (PDF, DOCX, XLSX, ODT, PNG, JPEG)
ALLOWED_LABELS = ", ".join(kind.label for kind in ALLOWED_KINDS)
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for kind in ALLOWED_KINDS for ext in kind.extensions)

_BY_MIME = {kind.mime: kind for kind in (PDF, PNG, JPEG)}
_ZIP_MAGIC = b"PK\x03\x04"
# Members of a zip are listed from its central directory; a crafted file with
# millions of entries should not keep a worker busy.
_MAX_ZIP_MEMBERS = 10_000


class UploadRejected(Exception):
    """The file may not be attached; the message says why, in the user's language."""


def detect_kind(file: IO[bytes]) -> FileKind | None:
    """The allowed kind the content shows, or None. Leaves the file position at the start."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if head.startswith(_ZIP_MAGIC):
        return _office_kind(file)
    guess = filetype.guess(head)
    return _BY_MIME.get(guess.mime) if guess else None


def _office_kind(file: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ZIP_MEMBERS:
                return None
            names = {info.filename for info in infos}
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(100).strip() == ODT.mime.encode():
                        return ODT
                return None
            if "[Content_Types].xml" not in names:
                return None
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    finally:
        file.seek(0)


def check_upload(file: IO[bytes], *, name: str, size: int, max_bytes: int) -> FileKind:
    """The file's kind if it may be attached; raises UploadRejected with the reason otherwise."""
    if size > max_bytes:
        raise UploadRejected(
            _("Het bestand ‘%(name)s’ is %(size)s MB; een bijlage mag hoogstens %(max)s MB zijn.")
            % {"name": name, "size": _megabytes(size), "max": _megabytes(max_bytes)}
        )
    if size == 0:
        raise UploadRejected(_("Het bestand ‘%(name)s’ is leeg.") % {"name": name})
    kind = detect_kind(file)
    if kind is None:
        raise UploadRejected(
            _("De inhoud van ‘%(name)s’ is geen bestand dat u kunt toevoegen. Toegestaan zijn: %(allowed)s.")
            % {"name": name, "allowed": ALLOWED_LABELS}
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in kind.extensions:
        raise UploadRejected(
            _(
                "De inhoud van ‘%(name)s’ past niet bij de bestandsnaam: het is een %(kind)s-bestand. "
                "Geef het bestand de juiste extensie (.%(extension)s) of kies een ander bestand."
            )
            % {"name": name, "kind": kind.label, "extension": kind.extension}
        )
    return kind


def storage_name(kind: FileKind) -> str:
    """A name nobody can guess, so a stored file is never found by trying names."""
    return f"{secrets.token_urlsafe(32)}.{kind.extension}"


def clean_original_name(name: str) -> str:
    """The name the user knows the file by, without any folder part, at most 255 characters."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "bijlage"
    if len(base) <= 255:
        return base
    suffix = PurePath(base).suffix[:20]
    return base[: 255 - len(suffix)] + suffix


def _megabytes(size: int) -> str:
    """Rounded up to a tenth, so a file just over the limit never reads as exactly the limit."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    if tenths % 10 == 0:
        return number_format(tenths // 10)
    return number_format(tenths / 10, decimal_pos=1)
