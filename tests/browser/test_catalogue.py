"""The public catalogue in Chromium: no login, filters, an intervention's page, and no WCAG A/AA violations."""

import re

import pytest
from playwright.sync_api import expect

from portal.demo import load_demo
from tests.browser.conftest import axe_violations


@pytest.fixture
def demo_data():
    return load_demo()


def test_anyone_filters_the_catalogue_and_opens_an_intervention(page, demo_data):
    page.goto("/interventies/")
    heading = page.locator(".catalogue__count")
    total = int(heading.inner_text().split()[0])
    assert total > 10
    assert axe_violations(page) == []

    page.get_by_label("Fase").select_option(label="Geëvalueerd")
    page.get_by_role("button", name="Toon interventies").click()
    # With JavaScript, htmx swaps in the results and puts the filters in the address.
    expect(page).to_have_url(re.compile("stage=evaluated"))
    expect(heading).not_to_have_text(f"{total} interventies")
    filtered = int(page.locator(".catalogue__count").inner_text().split()[0])
    assert 0 < filtered < total

    first = page.locator(".catalogue-card .card__link").first
    name = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_role("heading", name="Evaluaties").is_visible()
    assert page.get_by_text("Geëvalueerd", exact=True).is_visible()
    assert axe_violations(page) == []


def test_the_filters_work_without_javascript(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto("/interventies/")
    page.get_by_label("Zoeken", exact=True).fill("weerbaar online")
    page.get_by_role("button", name="Toon interventies").click()
    page.wait_for_load_state()
    assert "q=weerbaar+online" in page.url
    assert page.locator(".catalogue-card .card__link").all_inner_texts() == ["Weerbaar Online (demo)"]
    context.close()


def test_a_search_without_results_says_so_and_passes_axe(page, demo_data):
    page.goto("/interventies/?q=bestaat-niet")
    assert page.get_by_text("Geen interventies gevonden").is_visible()
    assert axe_violations(page) == []


def test_the_catalogue_fits_a_phone_screen(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    for path in ("/interventies/", "/interventies/weerbaar-online-demo/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()
