"""The annual analysis as a publication: the programme's texts, publishing with care, withdrawal, three forms."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from analysis.display.annual import analysis_content
from analysis.models import Advice, AnalysisText, AnnualAnalysis
from analysis.services import annual as services
from analysis.texts import to_html
from tests.analysis.pdf_text import pdf_text
from tests.factories import AnnualAnalysisFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def done(programme):
    InterventionFactory.create_batch(2, stage="developed", developed_on=datetime.date(2024, 5, 1))
    analysis = AnnualAnalysisFactory(year=2024)
    services.analysis_build(analysis_id=analysis.pk, today=datetime.date(2025, 3, 1))
    analysis.refresh_from_db()
    assert analysis.status == "done", analysis.error
    return analysis


def _url(name, *args):
    return reverse(f"analysis:{name}", args=args)


def _rebuild(analysis):
    services.analysis_build(analysis_id=analysis.pk, today=datetime.date(2025, 3, 1))
    analysis.refresh_from_db()
    return analysis


# ---------------------------------------------------------------------------
# Markdown made safe


def test_markdown_becomes_clean_html_without_scripts_or_foreign_links():
    html = to_html("# Kop\n\n**vet** <script>alert(1)</script> [x](javascript:alert(1)) [y](https://example.nl)")
    assert "<h3>Kop</h3>" in html and "<strong>vet</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert 'href="https://example.nl"' in html


# ---------------------------------------------------------------------------
# The programme's texts


def test_saved_texts_are_frozen_into_the_snapshot_and_its_hash_and_the_pdf_is_made_again(done, users):
    before = done.data_hash
    services.analysis_texts_save(
        analysis=done,
        by=users["alice"],
        texts={("introduction", ""): "Een *inleiding*.", ("conclusion", "interventies"): "Het portfolio groeit."},
    )
    done.refresh_from_db()
    assert done.data_hash != before
    assert done.snapshot["texts"]["introduction"]["html"] == "<p>Een <em>inleiding</em>.</p>"
    assert done.snapshot["texts"]["conclusions"]["interventies"]["markdown"] == "Het portfolio groeit."
    assert done.status == "queued" and not done.pdf
    text = pdf_text(Path(_rebuild(done).pdf.path), layout=False)
    assert "Een inleiding." in text and "Het portfolio groeit." in text and "Conclusie van het programma" in text


def test_every_change_of_a_text_is_in_its_history(done, users):
    for words in ("Eerste versie.", "Tweede versie."):
        services.analysis_texts_save(analysis=done, by=users["alice"], texts={("recommendations", ""): words})
        _rebuild(done)
    text = AnalysisText.objects.get(analysis=done, kind="recommendations")
    assert [h.text for h in text.history.order_by("history_date")] == ["Eerste versie.", "Tweede versie."]
    assert {h.history_user for h in text.history.all()} == {users["alice"]}


def test_the_texts_of_a_published_version_cannot_change(done, users):
    services.analysis_publish(analysis=done, by=users["alice"])
    with pytest.raises(Exception, match="gepubliceerd"):
        services.analysis_texts_save(analysis=done, by=users["alice"], texts={("introduction", ""): "Later."})


def test_a_text_page_error_loses_nothing_that_was_typed(client, users, done):
    client.force_login(users["alice"])
    long_text = "x" * 20_001
    response = client.post(
        _url("analysis_texts", done.pk), {"introduction": "Mijn inleiding blijft staan.", "recommendations": long_text}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn inleiding blijft staan." in page
    assert not AnalysisText.objects.exists()


def test_the_live_preview_shows_clean_html(client, users):
    client.force_login(users["alice"])
    response = client.post(_url("analysis_text_preview"), {"introduction": "**vet** <script>x</script>"})
    assert response.status_code == 200
    assert "<strong>vet</strong>" in response.content.decode() and "<script" not in response.content.decode()


def test_the_board_reads_a_draft_and_advises_on_it_and_staff_answer_in_the_analysis(client, users, done):
    client.force_login(users["dave"])
    page = client.get(_url("analysis_read", done.pk))
    assert page.status_code == 200 and "concept" in page.content.decode()
    response = client.post(
        _url("analysis_advise", done.pk), {"kind": "unasked", "subject": "Meer over vertrouwen", "text": "Graag."}
    )
    assert response.status_code == 302
    advice = Advice.objects.get(analysis=done)
    client.force_login(users["alice"])
    response = client.post(_url("analysis_texts", done.pk), {f"answer__{advice.pk}": "We nemen het over."})
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.snapshot["texts"]["advice_answers"][str(advice.pk)]["html"] == "<p>We nemen het over.</p>"
    assert done.snapshot["texts"]["board_advice"][0]["subject"] == "Meer over vertrouwen"


def test_the_public_cannot_read_a_draft(client, done):
    assert client.get(_url("analysis_read", done.pk)).status_code == 404


# ---------------------------------------------------------------------------
# Publishing with care, and withdrawal


def test_publishing_asks_for_a_confirmation_that_names_what_becomes_public(client, users, done):
    client.force_login(users["alice"])
    page = client.get(_url("analysis_publish", done.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "openbaar" in text and "open data" in text and done.data_hash in text
    # A post without the confirmation publishes nothing.
    assert client.post(_url("analysis_publish", done.pk)).status_code == 302
    done.refresh_from_db()
    assert done.published_at is None
    client.post(_url("analysis_publish", done.pk), {"data_hash": done.data_hash})
    done.refresh_from_db()
    assert done.published_at is not None


def test_a_confirmation_of_other_data_publishes_nothing(client, users, done):
    client.force_login(users["alice"])
    client.post(_url("analysis_publish", done.pk), {"data_hash": "0" * 64})
    done.refresh_from_db()
    assert done.published_at is None


def test_a_withdrawn_version_says_when_and_why_and_nothing_is_deleted(client, users, done):
    services.analysis_publish(analysis=done, by=users["alice"])
    client.force_login(users["alice"])
    response = client.post(_url("analysis_withdraw", done.pk), {"reason": ""})
    assert response.status_code == 400
    response = client.post(_url("analysis_withdraw", done.pk), {"reason": "Fout in de begroting."})
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.withdrawn_at is not None and done.withdrawn_by == users["alice"]
    client.logout()
    page = client.get(_url("analysis_read", done.pk)).content.decode()
    assert "ingetrokken op" in page and "Fout in de begroting." in page
    assert client.get(_url("analysis_pdf", done.pk)).status_code == 200
    assert "ingetrokken op" in client.get(_url("public_analyses")).content.decode()
    history = list(done.history.order_by("history_date").values_list("withdrawn_at", "published_at"))
    assert history[-1][0] is not None and history[-2][0] is None


def test_only_staff_withdraw_and_only_a_published_version(client, users, done):
    client.force_login(users["dave"])
    assert client.post(_url("analysis_withdraw", done.pk), {"reason": "x"}).status_code == 403
    client.force_login(users["alice"])
    client.post(_url("analysis_withdraw", done.pk), {"reason": "x"})
    done.refresh_from_db()
    assert done.withdrawn_at is None


# ---------------------------------------------------------------------------
# Three forms: tagged PDF, HTML edition, open data


def _structure(node, found):
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if isinstance(node, list):
        for child in node:
            _structure(child, found)
        return
    if not hasattr(node, "get"):
        return
    if node.get("/S"):
        found.append(node)
    if node.get("/K") is not None:
        _structure(node["/K"], found)


def test_the_pdf_is_tagged_for_pdf_ua_with_language_title_bookmarks_and_alt_text_on_every_figure(done):
    reader = PdfReader(done.pdf.path)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert reader.metadata.title == "Landelijke veerkracht- en weerbaarheidsanalyse 2024"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert len(reader.outline) > 5  # a bookmark per chapter
    elements: list = []
    _structure(root["/StructTreeRoot"]["/K"], elements)
    kinds = {str(e["/S"]) for e in elements}
    assert {"/Document", "/H1", "/Table", "/TH", "/Figure"} <= kinds
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == len(analysis_content(done.snapshot, data_hash=done.data_hash).charts)
    assert all(str(f.get("/Alt", "")).strip() for f in figures)


def test_the_html_edition_shows_the_same_frozen_figures_and_texts(client, users, done):
    services.analysis_texts_save(analysis=done, by=users["alice"], texts={("recommendations", ""): "- Meer leren"})
    done = _rebuild(done)
    services.analysis_publish(analysis=done, by=users["alice"])
    page = client.get(_url("analysis_read", done.pk)).content.decode()
    assert done.data_hash in page and "<li>Meer leren</li>" in page and "Beleidsaanbevelingen" in page


def test_the_open_data_has_every_table_as_csv_and_json_with_dcat_metadata(client, users, done):
    done = services.analysis_publish(analysis=done, by=users["alice"])
    response = client.get(_url("analysis_open_data", done.pk))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    csvs = [n for n in names if n.endswith(".csv")]
    figures = analysis_content(done.snapshot, data_hash=done.data_hash).charts
    assert len(csvs) == len(figures) + 3  # every figure's table, the KPIs, municipalities and budget
    assert len([n for n in names if n.endswith(".json")]) == len(csvs)
    kpis = archive.read("csv/kpis-2024.csv").decode().splitlines()
    assert len(kpis) == len(done.snapshot["kpis"]) + 1
    meta = json.loads(archive.read("metadata.jsonld"))
    assert meta["@type"] == "dcat:Dataset"
    assert meta["spdx:checksum"]["spdx:checksumValue"] == done.data_hash
    assert meta["owl:versionInfo"] == str(done.version) and meta["dct:license"]["@id"].startswith("http")
    assert meta["dct:issued"]["@value"].startswith(done.published_at.date().isoformat())
    assert "Sociale Zaken" in meta["dct:publisher"]["foaf:name"]
    separate = client.get(_url("analysis_metadata", done.pk))
    assert separate["Content-Type"] == "application/ld+json"
    assert {key: value for key, value in separate.json().items() if key != "dcat:distribution"} == {
        key: value for key, value in meta.items() if key != "dcat:distribution"
    }


def test_a_draft_has_no_public_open_data(client, done):
    assert client.get(_url("analysis_open_data", done.pk)).status_code == 404
    assert client.get(_url("analysis_metadata", done.pk)).status_code == 404
    assert AnnualAnalysis.objects.get().published_at is None


def test_the_texts_page_takes_the_same_number_of_queries_however_many_texts_changed(client, users, done):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["alice"])
    services.analysis_texts_save(analysis=done, by=users["alice"], texts={("introduction", ""): "Een."})
    _rebuild(done)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("analysis_texts", done.pk)).status_code == 200
    texts = {("conclusion", key): f"Conclusie {key}." for key in ("interventies", "gemeenten", "begroting")}
    services.analysis_texts_save(analysis=done, by=users["alice"], texts={("introduction", ""): "Twee.", **texts})
    _rebuild(done)
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url("analysis_texts", done.pk))
    assert "Conclusie begroting." in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("shown", "plain"),
    [("€ 1.234.000", "1234000"), ("12,5", "12.5"), ("321", "321"), ("-4", "-4"), ("Gemeenten", "Gemeenten")],
)
def test_open_data_gives_figures_as_plain_numbers(shown, plain):
    from analysis.display.open_data import plain_value

    assert plain_value(shown) == plain


def test_the_staff_page_of_a_version_shows_its_whole_history(client, users, done):
    services.analysis_texts_save(analysis=done, by=users["alice"], texts={("introduction", ""): "Een."})
    done = _rebuild(done)
    done = services.analysis_publish(analysis=done, by=users["alice"])
    services.analysis_withdraw(analysis=done, by=users["alice"], reason="Een rekenfout.")
    client.force_login(users["alice"])
    page = client.get(_url("analysis_detail", done.pk)).content.decode()
    history = page[page.index("Geschiedenis van deze versie") :]
    steps = ["aangevraagd", "gegevens vastgelegd", "teksten gewijzigd", "gepubliceerd", "ingetrokken: Een rekenfout."]
    positions = [history.index(step) for step in steps]
    assert positions == sorted(positions)


def test_advice_on_a_draft_is_in_the_advice_overview_with_its_version(client, users, done):
    from analysis.services.advice import advice_record

    advice = advice_record(by=users["dave"], analysis=done, kind="asked", subject="Over de inleiding", text="Korter.")
    client.force_login(users["alice"])
    listing = client.get(reverse("analysis:advice_list")).content.decode()
    assert "Over de inleiding" in listing and f"Jaaranalyse 2024, versie {done.version}" in listing
    detail = client.get(reverse("analysis:advice_detail", args=[advice.pk])).content.decode()
    assert _url("analysis_read", done.pk) in detail


def test_advice_cannot_be_left_on_a_published_version(users, done):
    from django.core.exceptions import ValidationError

    from analysis.services.advice import advice_record

    done = services.analysis_publish(analysis=done, by=users["alice"])
    with pytest.raises(ValidationError):
        advice_record(by=users["dave"], analysis=done, kind="asked", subject="Te laat", text="x")


def test_the_cached_page_references_follow_every_page_added():
    import pydyf

    from analysis.pdf import _page_references_once

    _page_references_once()
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert pdf.page_references is first  # built once for one page
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 2
    assert pdf.page_references == tuple(f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])
