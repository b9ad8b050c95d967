"""Text of a PDF as a reader sees it, with poppler's pdftotext (Debian's poppler-utils)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def pdftotext_or_skip() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("pdftotext is missing; install Debian's poppler-utils")
        pytest.skip("pdftotext is missing; run ./scripts/install-system-packages")
    return path


def pdf_text(pdf: bytes | Path, *, layout: bool = True) -> str:
    """The text of every page, pages separated by form feeds."""
    tool = pdftotext_or_skip()
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    args = [tool, *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")


def pages(text: str) -> list[str]:
    return text.split("\f")
