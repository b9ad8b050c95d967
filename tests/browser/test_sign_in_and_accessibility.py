"""Each demo user signs in through the browser and lands on their home page; base pages pass axe."""

from urllib.parse import urlparse

import pytest

from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, pass_second_factor, sign_in
from tests.factories import PASSWORD


@pytest.fixture
def demo_data():
    return load_demo()


@pytest.mark.parametrize(
    ("username", "heading"),
    [
        ("staf", "Werkplek programmastaf"),
        # A municipality user lands on the workspace of their municipality.
        ("gemeente-rotterdam", "Mijn gemeente: Rotterdam"),
        ("gemeente-utrecht", "Mijn gemeente: Utrecht"),
        ("klankbord", "Werkplek klankbordgroep"),
    ],
)
def test_each_demo_user_lands_on_their_own_start_page(page, demo_data, username, heading):
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


def _password_step(page, username, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_staff_enter_the_code_of_their_app_after_the_password(page, demo_data):
    _password_step(page, "staf")
    assert urlparse(page.url).path == "/accounts/tweede-factor/"
    code = page.get_by_label("Code uit uw authenticator-app")
    assert code.get_attribute("type") == "text"
    assert code.get_attribute("inputmode") == "numeric"
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert axe_violations(page) == []
    pass_second_factor(page, "staf")
    assert page.get_by_role("heading", level=1).inner_text() == "Werkplek programmastaf"


def test_new_staff_set_up_their_app_from_a_qr_code_the_portal_draws_itself(page, live_server, demo_data):
    from tests.factories import make_user

    make_user("nieuw", role="staff")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    _password_step(page, "nieuw", PASSWORD)
    assert urlparse(page.url).path == "/accounts/tweede-factor/instellen/"
    assert page.locator(".portal-qr-code svg").is_visible()
    assert all(url.startswith(live_server.url) for url in requested)
    assert axe_violations(page) == []
    pass_second_factor(page, "nieuw")
    assert page.get_by_role("heading", level=1).inner_text() == "Werkplek programmastaf"


def test_a_locked_account_is_told_so_on_the_sign_in_page(page, demo_data):
    for _ in range(5):
        _password_step(page, "klankbord", "not-the-password")
    _password_step(page, "klankbord")
    assert "tijdelijk geblokkeerd" in page.get_by_role("alert").first.inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/accounts/beveiliging/", "/accounts/blokkades/", "/accounts/password_change/"])
def test_the_account_pages_have_no_wcag_violations(page, demo_data, path):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/accounts/password_reset/", "/accounts/password_reset/done/"])
def test_the_password_reset_pages_have_no_wcag_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == []
