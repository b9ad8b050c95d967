"""HTML to PDF with WeasyPrint: the only module that imports it.

WeasyPrint is heavy to import (pango, fontTools), so it is loaded on first use,
inside a worker, never when a web process starts (ruff's
``banned-module-level-imports`` keeps it that way).

The PDF's metadata dates come from the caller (the date of the frozen data), not
from the clock, so one snapshot always renders to the same document.
"""

import contextlib
import datetime
import gc
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Fonts, styles and images in the templates are looked up from the project's own
# static folder, never over the network.
STATIC_BASE = Path(settings.BASE_DIR) / "static"


# WeasyPrint allocates millions of short-lived objects while it lays out a long report;
# with Python's default thresholds the collector then walks every live object (the
# frozen data included) hundreds of times. Collecting less often during a render makes
# a national-scale analysis about a quarter faster for a few tens of MB more memory
# (``make bench`` reports both).
RENDER_GC_THRESHOLDS = (100_000, 50, 100)


@contextlib.contextmanager
def _fewer_collections():
    saved = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.collect()


def _page_references_once() -> None:
    """Let pydyf build its list of page references once per page count, not once per lookup.

    A tagged PDF (PDF/UA) looks up the page of every structure element through
    ``pydyf.PDF.page_references``, which builds a tuple of all pages on each access:
    quadratic in the size of the document (a 150-page table document spent more time
    there than on drawing its text). The cached list is the same list, rebuilt when a
    page is added, so the PDF does not change; only the time does.
    """
    import pydyf

    if getattr(pydyf.PDF.page_references.fget, "veerkracht_cached", False):
        return
    build = pydyf.PDF.page_references.fget

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_page_references_cache")
        if cached is None or cached[0] != count:
            cached = (count, build(pdf))
            pdf.__dict__["_page_references_cache"] = cached
        return cached[1]

    page_references.veerkracht_cached = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def render_pdf(
    html: str, *, title: str, language: str, created: datetime.datetime, variant: str | None = None
) -> RenderedPdf:
    """Lay out ``html`` (relative URLs resolve against ``static/``) and return the PDF and its page count.

    ``variant`` asks WeasyPrint for a conformance level, e.g. ``"pdf/ua-1"``: a tagged
    document with a structure tree, its language and title shown, and alternative text
    on every image, for screen readers.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only the portal's own files and inline data may be embedded; nothing is fetched over the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    if variant:
        _page_references_once()
    with _fewer_collections():
        document = HTML(string=html, base_url=STATIC_BASE.as_uri() + "/", url_fetcher=fetcher).render()
        stamp = created.replace(microsecond=0).isoformat()
        document.metadata.title = title
        document.metadata.lang = language
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.metadata.generator = "Veerkracht portal"
        options = {"pdf_variant": variant} if variant else {}
        content = document.write_pdf(pdf_identifier=b"veerkracht-portal", uncompressed_pdf=False, **options)
    return RenderedPdf(content=content, page_count=len(document.pages))
