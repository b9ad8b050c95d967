"""The staff's security log and change history in Chromium: reached from the menu, filtered, and
free of axe findings."""

import pytest

from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def test_staff_read_their_own_sign_in_and_the_history_of_the_accounts(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beveiligingslog").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_label("Gebeurtenis").select_option("signin")
    page.get_by_label("Gebruiker").fill("staf")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "signin" in rows.first.inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Wijzigingen in accounts, groepen, lidmaatschappen en verslagperiodes").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_label("Soort").select_option(label="Gebruikers")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    assert page.locator(".register-history__entry").count() > 0
    assert axe_violations(page) == []
