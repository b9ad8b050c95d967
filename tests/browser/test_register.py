"""The register in Chromium: staff change an intervention's stage and see it in the history; pages pass axe."""

import pytest

from interventions.models import Intervention
from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def test_staff_move_an_intervention_to_developed_and_see_it_in_the_history(page, demo_data):
    intervention = Intervention.objects.filter(stage="in_development").order_by("name").first()
    sign_in(page, "staf", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Register").click()
    page.get_by_role("link", name="Interventies").first.click()
    page.get_by_label("Zoeken", exact=True).fill(intervention.name)
    page.get_by_role("button", name="Filteren").click()
    page.get_by_role("link", name=intervention.name).click()
    page.get_by_role("link", name="Wijzigen").click()

    page.get_by_label("Fase").select_option(label="Ontwikkeld")
    page.get_by_label("Ontwikkeld op").fill("2025-03-14")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    assert page.get_by_role("status").first.inner_text().count("zijn opgeslagen") == 1
    history = page.locator(".register-history__entry").first
    assert "Sanne de Staf (demo)" in history.inner_text()
    assert history.get_by_role("row", name="Fase").inner_text().split("\t")[1:] == ["In ontwikkeling", "Ontwikkeld"]
    assert "14 maart 2025" in history.get_by_role("row", name="Ontwikkeld op").inner_text()
    intervention.refresh_from_db()
    assert intervention.developed_on.isoformat() == "2025-03-14"


def test_a_form_with_errors_keeps_what_was_typed_and_links_to_the_field(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto("/register/uitkeringen/nieuw/")
    page.get_by_label("Eerste jaar").fill("2026")
    page.get_by_label("Laatste jaar").fill("2024")
    page.get_by_label("Bedrag (euro)").fill("-5")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").first
    assert "Het bedrag kan niet negatief zijn." in summary.inner_text()
    assert "Het laatste jaar kan niet voor het eerste jaar liggen." in summary.inner_text()
    assert page.get_by_label("Eerste jaar").input_value() == "2026"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/register/",
        "/register/interventies/",
        "/register/interventies/{intervention}/",
        "/register/interventies/{intervention}/wijzigen/",
        "/register/evaluaties/",
        "/register/evaluaties/{evaluation}/wijzigen/",
        "/register/gemeenten/",
        "/register/gemeenten/GM0599/",
        "/register/uitkeringen/",
        "/register/uitkeringen/{grant}/wijzigen/",
        "/register/organisaties/",
        "/register/samenwerkingsverbanden/{partnership}/",
        "/register/samenwerkingsverbanden/{partnership}/wijzigen/",
        "/register/learning-community/",
    ],
)
def test_register_pages_have_no_wcag_violations(page, demo_data, path):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(
        path.format(
            intervention=demo_data["interventions"][0].pk,
            evaluation=demo_data["evaluations"][0].pk,
            grant=demo_data["grants"][0].pk,
            partnership=demo_data["partnerships"][0].pk,
        )
    )
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []
