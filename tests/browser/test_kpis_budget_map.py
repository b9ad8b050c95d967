"""In Chromium: staff open the KPIs, drill down, record a measurement, read the budget and the map.

Every page passes axe-core with no WCAG 2.1 A/AA violation and fits a phone screen.
"""

import pytest

from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def _accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def _in_the_programme_2023_2025(page) -> None:
    """The demo opens in the multi-year plan that runs today; these pages are about 2023-2025."""
    page.get_by_label("Programma", exact=True).first.select_option(
        label="Agenda Veerkrachtige & Weerbare Samenleving 2023-2025"
    )
    page.get_by_role("button", name="Toon", exact=True).click()
    page.wait_for_load_state()
    assert "programme=agenda-2023-2025" in page.url


def test_staff_follow_a_kpi_from_the_overview_to_what_it_counts(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    _in_the_programme_2023_2025(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="KPI's").click()
    assert page.get_by_role("heading", level=1).inner_text() == "KPI's"
    assert page.get_by_label("Programma", exact=True).first.input_value() == "agenda-2023-2025"  # remembered
    assert page.get_by_role("heading", name="Hoe de status wordt bepaald").is_visible()
    assert page.locator(".kpi-card").count() == 12
    _accessible(page)

    page.get_by_label("Peildatum", exact=True).fill("2024-12-31")
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_load_state()
    assert "as_of=2024-12-31" in page.url
    page.get_by_role("link", name="K05 Interventies (verder) ontwikkeld").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "K05 Interventies (verder) ontwikkeld"
    assert page.get_by_role("heading", name="Wat telt mee").is_visible()
    counted = page.locator(".kpi-members tbody tr").count()
    assert counted > 0
    assert f"{counted} tellen mee." in page.locator("main").inner_text()
    _accessible(page)


def test_staff_record_a_measurement_after_a_mistake_without_retyping(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    _in_the_programme_2023_2025(page)
    page.goto("/kpis/K10/")
    form = page.locator(".kpi-measurement-form")
    form.get_by_label("Peildatum").fill("2025-03-14")
    form.get_by_label("Waarde").fill("-1")
    form.get_by_label("Toelichting").fill("Werkplaats van start.")
    form.get_by_role("button", name="Meting vastleggen").click()
    page.wait_for_load_state()
    assert "De waarde kan niet negatief zijn." in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("Toelichting").input_value() == "Werkplaats van start."
    _accessible(page)
    page.get_by_label("Waarde").fill("1")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De meting van K10 op 14 maart 2025 is vastgelegd." in page.get_by_role("status").first.inner_text()
    assert "14 maart 2025" in page.locator("#metingen ~ .table-scroll").first.inner_text()


def test_staff_read_the_budget_and_the_map(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    _in_the_programme_2023_2025(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Begroting").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Begroting"
    assert page.get_by_role("img", name="Begroting per actielijn, alle jaren").is_visible()
    _accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kaart").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kaart van de gemeenten"
    assert page.locator("figure svg path").count() == 342
    assert "© CBS, via PDOK (CC BY)" in page.locator("figcaption").inner_text()
    _accessible(page)
    page.get_by_label("Learning community").check()
    page.get_by_role("button", name="Toon kaart").click()
    page.wait_for_load_state()
    assert "layer=learning_community" in page.url
    assert page.get_by_role("heading", name="Learning community op 30 juni 2025").is_visible()
    _accessible(page)


def test_the_staff_pages_fit_a_phone_screen(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    sign_in(page, "staf", DEMO_PASSWORD)
    _in_the_programme_2023_2025(page)
    for path in ("/kpis/", "/kpis/K05/", "/kpis/K04/", "/begroting/", "/kaart/", "/kaart/?layer=reach"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()
