"""The whole reporting journey in Chromium: draft, upload, submit, return, correct, resubmit, accept, history.

The open reporting period is made relative to today, so the test does not depend on
the demo's fixed dates. Every page on the way is checked with axe-core (WCAG 2.1 AA).
"""

import re

import pytest
from playwright.sync_api import expect

from interventions.models import Report, ReportAttachment
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD
from tests.interventions.reporting import (
    PDF_BYTES,
)


@pytest.fixture
def world(transactional_db, settings, tmp_path, world):
    # transactional_db (not just the `db` that `users` asks for) makes pytest-django run
    # these tests after the ordinary database tests: a live-server test empties the database.
    settings.MEDIA_ROOT = tmp_path
    return world


def _context_page(browser, live_server, *, width: int = 1280):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _no_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{what}: {violations}"


def test_a_report_goes_from_draft_to_accepted_and_the_history_shows_every_step(browser, live_server, world):
    municipality, bob = _context_page(browser, live_server)
    staff, alice = _context_page(browser, live_server)
    sign_in(bob, "bob", PASSWORD)
    sign_in(alice, "alice", PASSWORD)

    # The municipality starts a report from its workspace.
    bob.get_by_role("link", name="Mijn gemeente").first.click()
    expect(bob.get_by_role("heading", level=1)).to_have_text("Mijn gemeente: Rotterdam")
    _no_violations(bob, "workspace")
    bob.get_by_role("link", name=re.compile(r"Verslag over .* beginnen")).click()
    bob.get_by_role("button", name="Verslag beginnen").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("bewerken")
    _no_violations(bob, "report form")

    # A mistake first: a negative number is refused, with the message next to the field, nothing lost.
    bob.get_by_label("Bereikte deelnemers (totaal)").fill("-4")
    bob.get_by_label("Uitgevoerde activiteiten").fill("Zes groepsbijeenkomsten")
    bob.get_by_role("button", name="Concept opslaan").click()
    expect(bob.get_by_role("alert").filter(has_text="Er ging iets mis")).to_be_visible()
    expect(bob.get_by_text("Vul 0 of meer in; een negatief getal kan hier niet.").first).to_be_visible()
    expect(bob.get_by_label("Uitgevoerde activiteiten")).to_have_value("Zes groepsbijeenkomsten")
    _no_violations(bob, "report form with errors")

    # Corrected, with an attachment, saved as a draft and then submitted.
    bob.get_by_label("Bereikte deelnemers (totaal)").fill("48")
    bob.get_by_label("Uitgaven (euro)").fill("2.400")
    bob.get_by_label("Positieve identiteitsontwikkeling").select_option("4")
    bob.get_by_label("Bijlage toevoegen").set_input_files(
        files=[{"name": "voortgang.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    bob.get_by_role("button", name="Concept opslaan").click()
    expect(bob.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    expect(bob.get_by_role("link", name="voortgang.pdf")).to_be_visible()
    expect(bob.get_by_label("Uitgaven (euro)")).to_have_value("2400")
    bob.get_by_role("button", name="Opslaan en indienen").click()
    bob.get_by_role("button", name="Ja, verslag definitief indienen").click()
    expect(bob.get_by_text("Het verslag is ingediend.")).to_be_visible()
    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert ReportAttachment.objects.get().original_name == "voortgang.pdf"

    # Staff find it in the overview and return it with a comment.
    alice.get_by_role("link", name="Verslagen").first.click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Verslagen van gemeenten")
    _no_violations(alice, "overview")
    alice.get_by_role("link", name="Rotterdam").click()
    expect(alice.get_by_role("heading", level=1)).to_contain_text("beoordelen")
    _no_violations(alice, "review page")
    alice.get_by_role("button", name="Terugsturen naar de gemeente").click()
    expect(alice.get_by_text("Schrijf waarom u het verslag terugstuurt").first).to_be_visible()
    _no_violations(alice, "review page with errors")
    alice.get_by_label("Toelichting voor de gemeente").fill("Vul ook de geleerde lessen in, alstublieft.")
    alice.get_by_role("button", name="Terugsturen naar de gemeente").click()
    expect(alice.get_by_text("Het verslag is teruggestuurd naar de gemeente.")).to_be_visible()

    # The municipality sees the comment, corrects the report and submits it again.
    bob.goto("/mijn-gemeente/")
    bob.get_by_role("link", name=re.compile(r"verder invullen")).click()
    expect(bob.get_by_text("Vul ook de geleerde lessen in, alstublieft.").first).to_be_visible()
    bob.get_by_label("Geleerde lessen").fill("Samen met de school plannen werkt beter.")
    bob.get_by_role("button", name="Opslaan en indienen").click()
    bob.get_by_role("button", name="Ja, verslag definitief indienen").click()
    expect(bob.get_by_text("Het verslag is ingediend.")).to_be_visible()
    expect(bob.get_by_role("link", name="Verslag bewerken en indienen")).to_have_count(0)

    # Staff accept it; now it is locked.
    alice.reload()
    alice.get_by_role("button", name="Accepteren").click()
    expect(alice.get_by_text("Het verslag is geaccepteerd.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED

    # The history shows each step, to the municipality as to staff.
    bob.goto(f"/verslagen/{report.pk}/")
    bob.get_by_role("link", name="Geschiedenis van dit verslag").click()
    history = bob.locator("main").inner_text()
    for step in ("Verslag begonnen", "Ingediend", "Teruggestuurd", "Geaccepteerd", "voortgang.pdf", "Geleerde lessen"):
        assert step in history, step
    assert history.index("Geaccepteerd") < history.index("Teruggestuurd") < history.index("Verslag begonnen")
    _no_violations(bob, "history")

    municipality.close()
    staff.close()


def test_the_reporting_pages_fit_a_phone_screen(browser, live_server, world):
    from interventions.services import reports as services
    from tests.interventions.reporting import fill_report, start_report

    bob_user = world.rotterdam.memberships.get().user
    report = services.report_submit(report=fill_report(start_report(world, bob_user), bob_user), by=bob_user)
    for username, paths in (
        ("bob", ["/mijn-gemeente/", f"/verslagen/{report.pk}/", f"/verslagen/{report.pk}/geschiedenis/"]),
        ("alice", ["/verslagen/", f"/verslagen/{report.pk}/beoordelen/", "/verslagen/sisa/"]),
    ):
        context, page = _context_page(browser, live_server, width=375)
        sign_in(page, username, PASSWORD)
        for path in paths:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            _no_violations(page, path)
        context.close()
