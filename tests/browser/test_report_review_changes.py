"""Reviews that show what changed, and comments on one intervention's row, in Chromium.

Set SHOTS_DIR to keep the screenshots (desktop and phone width) somewhere to look at them.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interventions.models import Report, ReportComment
from interventions.services.report_comments import report_comment_add
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD
from tests.interventions.reporting import submitted_report

PHONE = 390


@pytest.fixture
def world(transactional_db, settings, tmp_path, world):
    # transactional_db makes pytest-django run these after the ordinary database tests.
    settings.MEDIA_ROOT = tmp_path
    return world


@pytest.fixture
def shots(tmp_path) -> Path:
    return Path(os.environ.get("SHOTS_DIR") or tmp_path)


def _context_page(browser, live_server, *, width: int = 1280):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _no_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{what}: {violations}"


def _fits_a_phone(browser, live_server, username: str, path: str, shot: Path) -> None:
    context, page = _context_page(browser, live_server, width=PHONE)
    sign_in(page, username, PASSWORD)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, path
    _no_violations(page, f"{path} at phone width")
    page.screenshot(path=str(shot), full_page=True)
    context.close()


def test_staff_see_exactly_the_figures_changed_after_a_return(browser, live_server, world, users, shots):
    report = submitted_report(world, users["bob"])  # 40 participants, € 1.000
    review = f"/verslagen/{report.pk}/beoordelen/"
    municipality, bob = _context_page(browser, live_server)
    staff, alice = _context_page(browser, live_server)
    sign_in(bob, "bob", PASSWORD)
    sign_in(alice, "alice", PASSWORD)

    # Staff return the report.
    alice.goto(review)
    expect(alice.get_by_role("heading", name="Gewijzigd sinds het terugsturen")).to_have_count(0)
    alice.get_by_label("Toelichting voor de gemeente").fill("Klopt het aantal deelnemers?")
    alice.get_by_role("button", name="Terugsturen naar de gemeente").click()
    expect(alice.get_by_text("Het verslag is teruggestuurd naar de gemeente.")).to_be_visible()

    # A remark at the row, which the municipality finds in its form next to the figures.
    report_comment_add(
        report=report,
        by=users["alice"],
        text="Was dit het hele halfjaar?",
        intervention_id=world.rotterdam_intervention.pk,
    )

    # The municipality changes two figures and submits again.
    bob.goto(f"/verslagen/{report.pk}/bewerken/")
    row = bob.locator(f"#item-{world.rotterdam_intervention.pk}")
    expect(row.get_by_text("Was dit het hele halfjaar?")).to_be_visible()
    expect(row.get_by_role("link", name="Reageren op de opmerkingen bij Weerbaar Rotterdam")).to_be_visible()
    _no_violations(bob, "report form with a row's comment")
    bob.screenshot(path=str(shots / "form-row-comment-desktop.png"), full_page=True)
    bob.get_by_label("Bereikte deelnemers (totaal)").fill("55")
    bob.get_by_label("Uitgaven (euro)").fill("1.250")
    bob.get_by_role("button", name="Opslaan en indienen").click()
    bob.get_by_role("button", name="Ja, verslag definitief indienen").click()
    expect(bob.get_by_text("Het verslag is ingediend.")).to_be_visible()
    assert Report.objects.get().status == Report.Status.SUBMITTED

    # Staff see exactly those two changes, old and new, at the intervention.
    alice.goto(review)
    changes = alice.locator(".report-return-changes")
    expect(changes.get_by_role("heading", name="Gewijzigd sinds het terugsturen")).to_be_visible()
    expect(changes.get_by_role("heading", name="Weerbaar Rotterdam")).to_be_visible()
    rows = changes.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text("Bereikte deelnemers (totaal)4055")
    expect(rows.nth(1)).to_have_text("Uitgaven (euro)1.000,001.250,00")
    _no_violations(alice, "review with changes")
    alice.screenshot(path=str(shots / "review-changes-desktop.png"), full_page=True)
    _fits_a_phone(browser, live_server, "alice", review, shots / "review-changes-phone.png")

    municipality.close()
    staff.close()


def test_staff_comment_on_a_row_and_the_municipality_replies_there(browser, live_server, world, users, shots):
    report = submitted_report(world, users["bob"])
    row_id = f"#item-{world.rotterdam_intervention.pk}-comments"
    municipality, bob = _context_page(browser, live_server)
    staff, alice = _context_page(browser, live_server)
    sign_in(bob, "bob", PASSWORD)
    sign_in(alice, "alice", PASSWORD)

    # Staff comment on the intervention's row.
    alice.goto(f"/verslagen/{report.pk}/beoordelen/")
    alice.get_by_text("Opmerking bij deze interventie plaatsen").click()
    alice.get_by_label("Uw opmerking bij Weerbaar Rotterdam").fill("Waarom geen leeftijden?")
    _no_violations(alice, "review with the row's comment form open")
    alice.get_by_role("button", name="Opmerking plaatsen").click()
    expect(alice.get_by_text("Uw opmerking is geplaatst.")).to_be_visible()
    expect(alice.locator(row_id).get_by_text("Waarom geen leeftijden?")).to_be_visible()

    # The municipality sees it at that row, and replies there.
    bob.goto(f"/verslagen/{report.pk}/")
    row = bob.locator(row_id)
    expect(row.get_by_text("Waarom geen leeftijden?")).to_be_visible()
    expect(bob.locator("#comments-title")).to_have_count(1)  # the report's own thread is empty...
    expect(
        bob.locator(".report-section").filter(has=bob.locator("#comments-title")).locator(".report-comment")
    ).to_have_count(0)
    row.get_by_text("Reageren").click()
    row.get_by_label("Uw opmerking bij Weerbaar Rotterdam").fill("Die hielden we niet bij; vanaf nu wel.")
    _no_violations(bob, "report with the reply form open")
    row.get_by_role("button", name="Reactie plaatsen").click()
    expect(bob.get_by_text("Uw opmerking is geplaatst.")).to_be_visible()
    expect(bob.locator(row_id).get_by_text("Die hielden we niet bij; vanaf nu wel.")).to_be_visible()
    bob.screenshot(path=str(shots / "row-comments-municipality-desktop.png"), full_page=True)

    # Staff see the reply in the row's thread, after their own comment, with who wrote it.
    alice.reload()
    thread = alice.locator(row_id).locator(".report-comment")
    expect(thread).to_have_count(2)
    expect(thread.nth(1)).to_contain_text("Reactie van de gemeente")
    expect(thread.nth(1)).to_contain_text("Die hielden we niet bij; vanaf nu wel.")
    assert list(ReportComment.objects.values_list("kind", "intervention_id")) == [
        (ReportComment.Kind.NOTE, world.rotterdam_intervention.pk),
        (ReportComment.Kind.REPLY, world.rotterdam_intervention.pk),
    ]
    _no_violations(alice, "review with the row's thread")
    alice.screenshot(path=str(shots / "row-comments-staff-desktop.png"), full_page=True)
    _fits_a_phone(browser, live_server, "bob", f"/verslagen/{report.pk}/", shots / "row-comments-phone.png")

    municipality.close()
    staff.close()
