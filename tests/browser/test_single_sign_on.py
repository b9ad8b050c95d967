"""Single sign-on in a real browser: the button on the sign-in page, the provider, and back, signed in or refused."""

import pytest
from django.core.cache import cache

from tests import oidc_provider
from tests.browser.conftest import axe_violations


@pytest.fixture
def provider(settings):
    running = oidc_provider.Provider()
    oidc_provider.switch_on(settings, discovery_url=running.discovery_url)
    yield running
    oidc_provider.switch_off(settings)
    running.close()
    cache.clear()


def test_a_municipality_user_signs_in_with_the_provider(page, provider):
    provider.claims = {"sub": "f.devries", "given_name": "Fleur", "veerkracht_role": "gemeente", "cbs_code": "GM0344"}
    page.goto("/accounts/login/")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Inloggen met Testprovider").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Werkplek gemeente Utrecht"


def test_someone_without_a_role_is_told_so_on_the_sign_in_page(page, provider):
    provider.claims = {"sub": "stranger", "veerkracht_role": "beheerder"}
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met Testprovider").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
    assert "geen rol in dit portaal" in page.get_by_role("alert").first.inner_text()
    assert axe_violations(page) == []
