"""Nothing typed is lost, in Chromium: the draft saves itself, leaving with unsaved changes asks first,
and a report is handed in only after its summary is confirmed."""

import re

import pytest
from playwright.sync_api import expect

from interventions.models import Report
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD
from tests.interventions.reporting import start_report


@pytest.fixture
def world(transactional_db, world):
    # transactional_db first: a live-server test empties the database, so it runs after the others.
    return world


@pytest.fixture
def report(world):
    return start_report(world, world.rotterdam.memberships.get().user)


def _dialogs(page) -> list[str]:
    """Record each dialog the page opens (and leave the page as it is: dismiss it)."""
    seen: list[str] = []

    def record(dialog):
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", record)
    return seen


def test_a_typed_figure_is_saved_by_itself_and_is_there_after_leaving_and_coming_back(page, report):
    dialogs = _dialogs(page)
    sign_in(page, "bob", PASSWORD)
    page.goto(f"/verslagen/{report.pk}/bewerken/")
    total = page.get_by_label("Bereikte deelnemers (totaal)")
    expect(total).to_have_value("")  # empty, not a pre-filled 0
    total.press_sequentially("37")
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^Opgeslagen om \d{2}:\d{2}$"))
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn gemeente").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn gemeente")
    assert dialogs == []  # saved, so leaving did not ask

    page.goto(f"/verslagen/{report.pk}/bewerken/")
    expect(page.get_by_label("Bereikte deelnemers (totaal)")).to_have_value("37")
    assert Report.objects.get().items.get().participants_total == 37

    # The page took the autosave's revision: its own save button does not conflict with it.
    page.get_by_label("Uitgaven (euro)").press_sequentially("125")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    assert dialogs == []


def test_leaving_with_changes_that_are_not_saved_asks_first(page, report):
    sign_in(page, "bob", PASSWORD)
    page.goto(f"/verslagen/{report.pk}/bewerken/")
    # A value the autosave cannot store: the change stays unsaved, however long the page waits.
    page.get_by_label("Bereikte deelnemers (totaal)").press_sequentially("veel")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Niet automatisch opgeslagen"))
    edit_url = page.url

    # The click waits for the dialog, which the recorder answers with "stay".
    dialogs = _dialogs(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn gemeente").click()
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Bereikte deelnemers (totaal)")).to_have_value("veel")
    assert page.url == edit_url

    # Sending the form itself does not ask.
    dialogs.clear()
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_be_visible()
    assert dialogs == []


def test_submitting_lists_empty_figures_then_shows_a_summary_to_confirm(page, report, world):
    sign_in(page, "bob", PASSWORD)
    page.goto(f"/verslagen/{report.pk}/bewerken/")
    expect(page.get_by_text("Nog niets ingevuld", exact=True)).to_be_visible()
    page.get_by_label("Bereikte deelnemers (totaal)").fill("48")
    page.get_by_label("Uitgevoerde activiteiten").fill("Zes groepsbijeenkomsten")
    page.get_by_role("button", name="Opslaan en indienen").click()

    # Spending was left empty: the summary of errors names it, with a link to the field.
    errors = page.get_by_role("alert").filter(has_text="Het concept is opgeslagen, maar nog niet ingediend")
    expect(errors).to_be_visible()
    missing = errors.get_by_role("link", name=re.compile(r"Weerbaar Rotterdam: Uitgaven \(euro\): Nog niet ingevuld"))
    expect(missing).to_have_count(1)
    assert axe_violations(page) == []
    missing.click()
    expect(page).to_have_url(re.compile(rf"#id_item-{world.rotterdam_intervention.pk}-spending$"))
    assert Report.objects.get().status == Report.Status.DRAFT

    page.get_by_label("Uitgaven (euro)").fill("0")
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("indienen")
    summary = page.get_by_role("table")
    expect(summary.get_by_role("row", name=re.compile("Weerbaar Rotterdam"))).to_contain_text("48")
    expect(summary.get_by_role("row", name=re.compile("Totaal"))).to_contain_text("€\u00a00")
    assert axe_violations(page) == []
    assert Report.objects.get().status == Report.Status.DRAFT  # nothing handed in without the confirmation

    page.get_by_role("button", name="Ja, verslag definitief indienen").click()
    expect(page.get_by_text("Het verslag is ingediend.")).to_be_visible()
    assert Report.objects.get().status == Report.Status.SUBMITTED
