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
from urllib.parse import urlsplit
from urllib.request import url2pathname

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


def static_only_fetcher():
    """A WeasyPrint URL fetcher for the portal's own static files and inline data only.

    Everything else is refused: other files (``file:///etc/passwd``, ``/proc/self/environ``,
    a path that climbs out of ``static/``) and the network. All user text is escaped, so
    this is defence in depth: HTML that ever reached the renderer still could not embed a
    file of the server in a PDF.
    """
    from weasyprint.urls import URLFetcher

    root = STATIC_BASE.resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "file":
                path = Path(url2pathname(parts.path)).resolve()
                if parts.netloc not in ("", "localhost") or not path.is_relative_to(root):
                    raise ValueError(f"Not one of the portal's static files: {url}")
            elif scheme != "data":
                raise ValueError(f"Only the portal's static files and data: URLs may be embedded: {url}")
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"})


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

    fetcher = static_only_fetcher()
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
