"""The PDF renderer embeds the portal's own static files and inline data, and nothing else."""

import datetime
import io

import pytest
from pypdf import PdfReader

from analysis import pdf

CREATED = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
SETTINGS_FILE = (pdf.STATIC_BASE.parent / "portal" / "settings.py").as_uri()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        SETTINGS_FILE,
        pdf.STATIC_BASE.as_uri() + "/../portal/settings.py",
        pdf.STATIC_BASE.as_uri() + "/%2E%2E/portal/settings.py",
        "file://elsewhere.example" + pdf.STATIC_BASE.as_posix() + "/css/pdf.css",
        "http://127.0.0.1:8000/static/css/pdf.css",
        "https://example.org/logo.png",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_anything_but_the_static_files(url):
    with pytest.raises(ValueError):
        pdf.static_only_fetcher().fetch(url)


def test_the_fetcher_gives_the_static_files_and_inline_data():
    fetcher = pdf.static_only_fetcher()
    stylesheet = fetcher.fetch((pdf.STATIC_BASE / "css" / "pdf.css").as_uri())
    assert stylesheet.read()
    stylesheet.close()
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


def test_a_rendered_pdf_embeds_no_file_from_outside_static():
    # A file attached to the PDF is the plainest way HTML could carry a server's file out.
    html = (
        '<html><head><link rel="attachment" href="css/pdf.css">'
        '<link rel="attachment" href="file:///etc/passwd">'
        f'<link rel="attachment" href="{SETTINGS_FILE}">'
        '<link rel="attachment" href="http://127.0.0.1:9/geheim.txt">'
        "</head><body><p>Bijlagen</p></body></html>"
    )
    rendered = pdf.render_pdf(html, title="Test", language="nl", created=CREATED)
    assert sorted(PdfReader(io.BytesIO(rendered.content)).attachments) == ["pdf.css"]
