"""In Chromium: staff generate the annual analysis, watch it progress, preview and publish it; the board reads it."""

import datetime

import pytest

from analysis.models import AnnualAnalysis
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, EvaluationFactory, GrantFactory, InterventionFactory, make_user


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # As in the embedded default: no broker, the job runs in a background thread of the
    # web process, and the page shows its states while it runs.
    settings.RENDER_IN_BACKGROUND_THREAD = True
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 4, 1))
    EvaluationFactory(completed_on=datetime.date(2024, 10, 1))
    GrantFactory()
    return {"staff": make_user("alice", role="staff"), "board": make_user("dave", role="board")}


def test_staff_generate_watch_preview_and_publish_and_the_board_reads_the_analysis(page, browser, live_server, people):
    sign_in(page, "alice", PASSWORD)
    page.get_by_label("Hoofdmenu").get_by_role("link", name="Jaaranalyse").click()
    assert axe_violations(page) == []
    page.get_by_role("combobox", name="Jaar").select_option(label="2024")
    page.get_by_role("button", name="Maken").click()

    # The progress page: it shows the stages as the job moves, without reloading.
    assert "Versie 1 van de analyse over 2024" in page.locator(".analysis-job__banner").inner_text()
    seen = set()
    job = page.locator(".analysis-job")
    for _ in range(300):
        text = job.inner_text()
        seen.update(stage for stage in ("In de wachtrij", "Bezig", "PDF opmaken", "Klaar:") if stage in text)
        if "Klaar:" in text:
            break
        page.wait_for_timeout(100)
    assert "Klaar:" in seen, job.inner_text()
    assert seen & {"Bezig", "PDF opmaken", "In de wachtrij"}, "the page showed the job before it was done"
    analysis = AnnualAnalysis.objects.get()
    assert analysis.status == "done" and analysis.page_count >= 20
    assert page.get_by_text(analysis.data_hash).is_visible()  # swapped in once the data was frozen
    assert axe_violations(page) == []

    # Preview: the link opens the PDF itself.
    preview = page.request.get(page.get_by_role("link", name="PDF bekijken").get_attribute("href"))
    assert preview.status == 200 and preview.headers["content-type"] == "application/pdf"
    assert preview.body().startswith(b"%PDF-")

    # Publishing asks for a confirmation on a page of its own that names what becomes public.
    page.get_by_role("link", name="Publiceren…").click()
    assert "Dit wordt openbaar" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, openbaar maken").click()
    assert "is gepubliceerd" in page.get_by_role("status").first.inner_text()

    # The board member finds it under Analyses and can open the PDF.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    board = context.new_page()
    sign_in(board, "dave", PASSWORD)
    board.get_by_label("Hoofdmenu").get_by_role("link", name="Analyses", exact=True).click()
    link = board.get_by_role("link", name="PDF analyse 2024, versie 1")
    assert link.is_visible()
    assert axe_violations(board) == []
    assert board.request.get(link.get_attribute("href")).status == 200
    context.close()
