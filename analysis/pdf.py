"""HTML to PDF with WeasyPrint: the only module that imports it.

WeasyPrint is heavy to import (pango, fontTools), so it is loaded on first use,
inside a worker, never when a web process starts (ruff's
``banned-module-level-imports`` keeps it that way).

The PDF's metadata dates come from the caller (the date of the frozen data), not
from the clock, so one snapshot always renders to the same document.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Fonts, styles and images in the templates are looked up from the project's own
# static folder, never over the network.
STATIC_BASE = Path(settings.BASE_DIR) / "static"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def render_pdf(html: str, *, title: str, language: str, created: datetime.datetime) -> RenderedPdf:
    """Lay out ``html`` (relative URLs resolve against ``static/``) and return the PDF and its page count."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only the portal's own files and inline data may be embedded; nothing is fetched over the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    document = HTML(string=html, base_url=STATIC_BASE.as_uri() + "/", url_fetcher=fetcher).render()
    stamp = created.replace(microsecond=0).isoformat()
    document.metadata.title = title
    document.metadata.lang = language
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.generator = "Veerkracht portal"
    content = document.write_pdf(pdf_identifier=b"veerkracht-portal", uncompressed_pdf=False)
    return RenderedPdf(content=content, page_count=len(document.pages))
