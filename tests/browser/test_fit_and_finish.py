"""In Chromium: the searchable multiple select used by keyboard alone, and the annual analysis banner
that follows its job without a reload."""

import re

import pytest

from analysis.models import AnnualAnalysis
from municipalities.models import Municipality
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, AnnualAnalysisFactory, InterventionFactory, OrganisationFactory, make_user

SHOTS = "/work/shots/finish"


@pytest.fixture
def staff():
    return make_user("alice", role="staff")


def _save_shot(page, name):
    import os

    if os.path.isdir(SHOTS):
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def choose(page, typed: str, name: str) -> None:
    page.keyboard.type(typed)
    options = page.locator("#id_municipalities-ts-dropdown [role=option]")
    # The list is filtered (Tom Select waits a moment after typing): the match comes first.
    page.wait_for_function(
        "name => { const o = document.querySelector('#id_municipalities-ts-dropdown [role=option]');"
        " return o && o.textContent === name && document.querySelectorAll("
        "'#id_municipalities-ts-dropdown [role=option]').length < 5; }",
        arg=name,
    )
    options = options.first
    # The first match is the active option, as the combobox tells a screen reader; Enter chooses it.
    combobox = page.locator("#id_municipalities-ts-control")
    assert combobox.get_attribute("aria-activedescendant") == options.get_attribute("id")
    page.keyboard.press("Enter")


def test_the_municipalities_of_an_intervention_are_chosen_by_keyboard_alone(page, staff):
    intervention = InterventionFactory(name="Buurtkracht")
    intervention.municipalities.add(Municipality.objects.get(cbs_code="GM0599"))  # Rotterdam
    OrganisationFactory(name="Stichting Veerkracht Utrecht")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, "alice", PASSWORD)
    page.goto(f"/register/interventies/{intervention.pk}/wijzigen/")
    assert errors == []  # no script error, no refusal by the Content-Security-Policy

    places = page.get_by_role("combobox", name="Gemeenten waar zij loopt")
    # The text box of the combobox takes the focus, as it would by Tab.
    places.focus()
    assert places.evaluate("el => el === document.activeElement")
    assert places.get_attribute("aria-expanded") == "false"
    # Type to filter, Enter to choose the first match (the combobox points at it).
    choose(page, "Utrec", "Utrecht")
    choose(page, "Amsterd", "Amsterdam")
    page.wait_for_function(
        "() => document.getElementById('id_municipalities-live').textContent === 'Amsterdam gekozen.'"
    )
    _save_shot(page, "multiselect-open")
    assert axe_violations(page) == []

    # Backspace takes the last one off again, and says so.
    page.keyboard.press("Backspace")
    page.wait_for_function(
        "() => document.getElementById('id_municipalities-live').textContent === 'Amsterdam verwijderd.'"
    )
    chosen = page.locator("#id_municipalities-ts-control").locator("xpath=..").locator(".item")
    assert [text.strip("×").strip() for text in chosen.all_inner_texts()] == ["Rotterdam", "Utrecht"]
    # Each chosen one has a real, named button to remove it.
    assert page.get_by_role("button", name="Verwijder Rotterdam").count() == 1
    page.keyboard.press("Escape")
    _save_shot(page, "multiselect-chosen")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#id_municipalities-ts-control").scroll_into_view_if_needed()
    _save_shot(page, "multiselect-390")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    # The rest of the form by keyboard too: Tab to the save button and press Enter.
    page.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "zijn opgeslagen" in page.locator(".portal-messages").inner_text()
    names = set(intervention.municipalities.values_list("name", flat=True))
    assert names == {"Rotterdam", "Utrecht"}


def test_without_javascript_the_native_multiple_select_still_works(browser, live_server, staff):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    intervention = InterventionFactory(name="Buurtkracht")
    sign_in(page, "alice", PASSWORD)
    page.goto(f"/register/interventies/{intervention.pk}/wijzigen/")
    select = page.get_by_label("Gemeenten waar zij loopt")
    assert select.evaluate("el => el.tagName") == "SELECT"
    select.select_option(label=["Delft", "Zwolle"])
    html = page.content()
    assert "---------" not in html and "— kies —" in html
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert set(intervention.municipalities.values_list("name", flat=True)) == {"Delft", "Zwolle"}
    context.close()


def test_the_banner_follows_the_job_until_it_is_done(page, staff):
    analysis = AnnualAnalysisFactory(status="queued")
    sign_in(page, "alice", PASSWORD)
    page.goto(analysis.get_absolute_url())
    banner = page.locator(".analysis-job__banner")
    assert "staat in de wachtrij" in banner.inner_text()
    assert axe_violations(page) == []

    AnnualAnalysis.objects.filter(pk=analysis.pk).update(status="running", stage="render", progress=55)
    page.wait_for_function(
        "() => document.querySelector('.analysis-job__banner').textContent.includes('wordt gemaakt')"
    )
    AnnualAnalysis.objects.filter(pk=analysis.pk).update(status="done", stage="done", progress=100, page_count=3)
    page.wait_for_function("() => document.querySelector('.analysis-job__banner').textContent.includes('is klaar')")
    assert re.search(r"Klaar: 3 pagina", page.locator(".analysis-job").inner_text())
    _save_shot(page, "analysis-banner-done")
    assert axe_violations(page) == []
    # Finished: the fragment has no trigger any more, so the page stops asking.
    assert page.locator("[hx-trigger]").count() == 0
