"""The soft check in Chromium: a figure ten times last half-year's asks for an explanation, which reaches the reviewer.

Screenshots of the form and the review (desktop and 390 px) go to SHOTS_DIR when it is set.
"""

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interventions.models import Report, ReportItemCheck
from interventions.selectors.report_checks import previous_half
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, ReportFactory, ReportingPeriodFactory, ReportItemFactory

PROMPT = "Klopt het cijfer? Schrijf dan kort waarom het zo afwijkt"


@pytest.fixture
def world(transactional_db, world):
    # transactional_db: a live-server test empties the database, so it runs after the ordinary tests.
    year, half = previous_half(world.period)
    previous = ReportFactory(
        municipality=world.rotterdam,
        period=ReportingPeriodFactory(year=year, half=half),
        status=Report.Status.ACCEPTED,
        submitted_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC),
    )
    ReportItemFactory(
        report=previous,
        intervention=world.rotterdam_intervention,
        participants_total=40,
        participants_12_17=10,
        spending=Decimal("2000"),
    )
    return world


def _context_page(browser, live_server, *, width: int = 1280):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _no_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{what}: {violations}"


def _shot(page, name: str, *, full_page: bool = True) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def test_a_figure_ten_times_last_half_years_is_explained_and_the_reviewer_sees_it(browser, live_server, world):
    _context, bob = _context_page(browser, live_server)
    sign_in(bob, "bob", PASSWORD)
    bob.get_by_role("link", name="Mijn gemeente").first.click()
    bob.get_by_role("link", name=re.compile(r"Verslag over .* beginnen")).click()
    bob.get_by_role("button", name="Verslag beginnen").click()
    expect(bob.get_by_role("heading", level=1)).to_contain_text("bewerken")

    # The page asks as soon as a figure is typed: ten times last half-year's 10 young people...
    box = bob.locator(f"#check-{world.rotterdam_intervention.pk}-participants_12_17")
    expect(box).to_be_hidden()
    bob.get_by_label("12-17 jaar").fill("100")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Dit cijfer wijkt sterk af van het vorige halfjaar; toen was het 10.")
    expect(box).to_contain_text(PROMPT)
    # ... and stops asking when the figure is corrected.
    bob.get_by_label("12-17 jaar").fill("12")
    expect(box).to_be_hidden()

    # Ten times last half-year's 40 participants; spending as before.
    bob.get_by_label("Bereikte deelnemers (totaal)").fill("400")
    bob.get_by_label("Uitgaven (euro)").fill("2.000")
    bob.get_by_label("Uitgevoerde activiteiten").fill("Bijeenkomsten op twee scholen")
    bob.get_by_role("button", name="Concept opslaan").click()
    expect(bob.get_by_text("Het concept is opgeslagen.")).to_be_visible()

    # The form asks why, next to the figure, and lists it at the top; nothing stops the user.
    expect(bob.get_by_role("heading", name="Sommige cijfers wijken sterk af")).to_be_visible()
    box = bob.locator(f"#check-{world.rotterdam_intervention.pk}-participants_total")
    expect(box).to_be_visible()
    expect(box).to_contain_text(PROMPT)
    expect(box).to_contain_text("Dit cijfer is 5 keer zo groot of groter dan in het vorige halfjaar: nu 400, toen 40.")
    expect(bob.locator(".report-check:not([hidden])")).to_have_count(1)
    _no_violations(bob, "report form with a check")
    bob.get_by_role("link", name=re.compile("Weerbaar Rotterdam: Bereikte deelnemers")).click()
    explanation = box.get_by_label("Uw toelichting op dit cijfer (niet verplicht)")
    expect(explanation).to_be_visible()
    _shot(bob, "form-check-desktop")
    bob.set_viewport_size({"width": 390, "height": 844})
    box.scroll_into_view_if_needed()
    _shot(bob, "form-check-390", full_page=False)
    explanation.fill("Twee scholen deden dit halfjaar mee in plaats van één buurthuis.")
    bob.get_by_role("button", name="Opslaan en indienen").click()
    bob.get_by_role("button", name="Ja, verslag definitief indienen").click()
    expect(bob.get_by_text("Het verslag is ingediend.")).to_be_visible()
    check = ReportItemCheck.objects.get()
    assert check.explanation == "Twee scholen deden dit halfjaar mee in plaats van één buurthuis."

    # Staff open the review and see the flag, both figures and the explanation.
    _staff_context, alice = _context_page(browser, live_server)
    sign_in(alice, "alice", PASSWORD)
    alice.goto(f"/verslagen/{check.item.report_id}/beoordelen/")
    checks = alice.locator(".report-item-checks")
    expect(checks.get_by_role("heading", name="Afwijkende cijfers")).to_be_visible()
    expect(checks).to_contain_text("Veel groter dan het vorige halfjaar (factor 5)")
    expect(checks).to_contain_text(re.compile(r"Vorig halfjaar\s*40\b"))
    expect(checks).to_contain_text(re.compile(r"Dit halfjaar\s*400\b"))
    expect(checks).to_contain_text("Twee scholen deden dit halfjaar mee in plaats van één buurthuis.")
    _no_violations(alice, "review with a check")
    checks.scroll_into_view_if_needed()
    _shot(alice, "review-check-desktop")
    alice.set_viewport_size({"width": 390, "height": 844})
    checks.scroll_into_view_if_needed()
    _shot(alice, "review-check-390", full_page=False)

    # The settings page where staff set the factors.
    alice.set_viewport_size({"width": 1280, "height": 900})
    alice.goto("/verslagen/")
    alice.get_by_role("link", name="Controles op verslagen").click()
    alice.get_by_label("Bereikte deelnemers (totaal)").fill("3")
    alice.get_by_role("button", name="Factoren opslaan").click()
    expect(alice.get_by_text("De factoren zijn opgeslagen.")).to_be_visible()
    expect(alice.get_by_role("table")).to_contain_text("Bereikte deelnemers (totaal)")
    _no_violations(alice, "check settings")
    _shot(alice, "settings-desktop")
    alice.set_viewport_size({"width": 390, "height": 844})
    alice.get_by_role("heading", name="Geschiedenis").scroll_into_view_if_needed()
    _shot(alice, "settings-390", full_page=False)
