"""A municipality user makes and revokes an API key in the browser; staff see the keys; axe finds nothing."""

from core.tokens import token_create
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD


def test_a_municipality_user_makes_and_revokes_a_key(page, world, users):
    sign_in(page, "bob", PASSWORD)
    page.goto("/mijn-gemeente/")
    page.get_by_role("link", name="Mijn API-sleutels").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn API-sleutels"
    assert axe_violations(page) == []
    page.get_by_label("Naam van de sleutel").fill("laptop")
    page.get_by_role("button", name="Nieuwe sleutel maken").click()
    page.wait_for_load_state()
    secret = page.locator(".report-token code").inner_text()
    assert secret.startswith("vk_")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Intrekken").click()
    assert "is ingetrokken" in page.get_by_role("status").first.inner_text()
    assert secret not in page.content()
    assert axe_violations(page) == []


def test_staff_see_the_keys_of_municipality_users(page, world, users):
    token_create(by=users["bob"], name="laptop", address="203.0.113.9")
    sign_in(page, "alice", PASSWORD)
    page.goto("/verslagen/api-toegang/")
    assert page.get_by_role("heading", level=1).inner_text() == "API-sleutels van gemeenten"
    assert "laptop" in page.get_by_role("table").inner_text()
    assert axe_violations(page) == []
