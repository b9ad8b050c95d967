"""In Chromium: staff write the programme's texts with a live preview, the board reads the draft and advises,
the published HTML edition passes axe, and a withdrawn version says so."""

import datetime

import pytest
from django.contrib.auth.models import User

from analysis.models import AnnualAnalysis
from analysis.services import annual as services
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, AnnualAnalysisFactory, EvaluationFactory, InterventionFactory, make_user


@pytest.fixture
def version(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RENDER_IN_BACKGROUND_THREAD = False
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 4, 1))
    EvaluationFactory(completed_on=datetime.date(2024, 10, 1))
    make_user("alice", role="staff")
    make_user("dave", role="board")
    analysis = AnnualAnalysisFactory(year=2024)
    services.analysis_build(analysis_id=analysis.pk, today=datetime.date(2025, 3, 1))
    analysis.refresh_from_db()
    return analysis


def test_staff_write_texts_with_a_live_preview_and_the_board_reads_and_advises_on_the_draft(
    page, browser, live_server, version
):
    sign_in(page, "alice", PASSWORD)
    page.goto(f"/jaaranalyse/{version.pk}/teksten/")
    assert axe_violations(page) == []
    introduction = page.get_by_label("Inleiding", exact=True)
    introduction.fill("Dit jaar **groeide** het programma.")
    preview = page.locator("#id_introduction_preview")
    preview.locator("strong").wait_for()
    assert preview.inner_html().strip() == "<p>Dit jaar <strong>groeide</strong> het programma.</p>"
    page.screenshot(path="/tmp/publication-texts.png", full_page=False)
    page.get_by_role("button", name="Teksten bewaren en vastleggen").click()
    assert "De teksten zijn bewaard" in page.get_by_role("status").first.inner_text()

    # The board reads the draft on the portal (its PDF made again with the texts) and gives advice on it.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    board = context.new_page()
    sign_in(board, "dave", PASSWORD)
    board.goto(f"/analyses/{version.pk}/")
    assert "Dit jaar groeide het programma." in board.locator("#inleiding").inner_text()
    assert axe_violations(board) == []
    board.get_by_label("Onderwerp").fill("Meer over vertrouwen")
    board.locator("#id_text").fill("Neem vertrouwen op als maatstaf.")
    board.get_by_role("button", name="Advies vastleggen").click()
    assert "Uw advies is vastgelegd" in board.get_by_role("status").first.inner_text()
    context.close()


def test_the_published_html_edition_passes_axe_and_a_withdrawn_one_says_when_and_why(page, version):
    analysis = services.analysis_publish(analysis=version, by=User.objects.get(username="alice"))
    page.goto(f"/analyses/{analysis.pk}/")
    assert page.get_by_role("link", name="Open data: alle tabellen als CSV en JSON (ZIP)").is_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/publication-edition.png", full_page=False)

    sign_in(page, "alice", PASSWORD)
    page.goto(f"/jaaranalyse/{analysis.pk}/intrekken/")
    assert axe_violations(page) == []
    page.get_by_label("Reden van intrekking").fill("Een fout in de begroting.")
    page.get_by_role("button", name="Intrekken").click()
    page.goto(f"/analyses/{analysis.pk}/")
    notice = page.get_by_role("note").first.inner_text()
    assert "ingetrokken op" in notice and "Een fout in de begroting." in notice
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/publication-withdrawn.png", full_page=False)
    assert AnnualAnalysis.objects.get().withdrawn_at is not None
