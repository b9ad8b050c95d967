"""Each demo user signs in through the browser and lands on their home page; base pages pass axe."""

import pytest

from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


@pytest.mark.parametrize(
    ("username", "heading"),
    [
        ("staf", "Werkplek programmastaf"),
        ("gemeente-rotterdam", "Werkplek gemeente Rotterdam"),
        ("gemeente-utrecht", "Werkplek gemeente Utrecht"),
        ("klankbord", "Werkplek klankbordgroep"),
    ],
)
def test_each_demo_user_sees_their_home_page(page, demo_data, username, heading):
    sign_in(page, username, DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert axe_violations(page) == []


def test_the_admin_signs_in_and_reaches_the_django_admin(page, demo_data):
    sign_in(page, "admin", DEMO_PASSWORD)
    page.goto("/admin/")
    assert page.title().startswith("Sitebeheer") or "Django" in page.title()


def test_a_wrong_password_is_refused_in_dutch(page, demo_data):
    sign_in(page, "staf", "not-the-password")
    assert page.get_by_role("alert").first.inner_text().count("gebruikersnaam en wachtwoord") == 1
    assert page.get_by_label("Gebruikersnaam").input_value() == "staf"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/toegankelijkheid"])
def test_public_base_pages_have_no_wcag_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_the_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "inhoud" in skip.inner_text().lower()
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_english_is_one_click_away(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_home_page_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
