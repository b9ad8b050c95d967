"""In Chromium: staff publish two half-years, the board compares them, gives advice, and reads the response."""

import datetime

import pytest

from analysis.models import Advice, Dashboard
from analysis.services.dashboards import dashboard_publish
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, DashboardFactory, InterventionFactory, make_user


@pytest.fixture
def people():
    return {"staff": make_user("alice", role="staff"), "board": make_user("dave", role="board")}


@pytest.fixture
def board_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _publish_half_year(page, year: int, half: str, introduction: str) -> None:
    page.goto("/dashboards/")
    page.get_by_role("link", name="Nieuw dashboard").click()
    page.get_by_role("combobox", name="Jaar").select_option(str(year))
    page.get_by_label(half, exact=True).check()
    page.get_by_label("Inleiding").fill(introduction)
    page.get_by_role("button", name="Concept opslaan").click()
    assert "voorbeeld met de actuele cijfers" in page.locator("main").inner_text()
    page.get_by_role("link", name="Publiceren", exact=True).click()
    page.get_by_role("button", name="Ja, publiceren").click()
    assert "Het dashboard is gepubliceerd" in page.get_by_role("status").first.inner_text()


def _assert_accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def test_staff_publish_two_half_years_and_the_board_compares_advises_and_reads_the_response(page, board_page, people):
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 2, 1))
    sign_in(page, "alice", PASSWORD)
    _publish_half_year(page, 2024, "eerste halfjaar", "Het eerste halfjaar van 2024.")

    # The data changes after the first publication.
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 9, 1))
    _publish_half_year(page, 2024, "tweede halfjaar", "Het tweede halfjaar van 2024.")
    first, second = Dashboard.objects.order_by("half")
    assert first.snapshot["kpis"][4]["code"] == "K05" and first.snapshot["kpis"][4]["value"] == "1"

    # The board member sees both dashboards and compares them.
    sign_in(board_page, "dave", PASSWORD)
    board_page.goto("/dashboards/")
    assert board_page.get_by_role("link", name="Dashboard eerste halfjaar 2024").is_visible()
    _assert_accessible(board_page)
    board_page.get_by_role("link", name="Dashboard tweede halfjaar 2024").click()
    k05 = board_page.locator("#kpi-K05")
    assert "4" in k05.locator("td").nth(1).inner_text()
    assert k05.get_by_text("gestegen met 3").count() == 1
    _assert_accessible(board_page)

    board_page.goto("/dashboards/")
    board_page.get_by_role("link", name="Twee dashboards vergelijken").click()
    board_page.get_by_label("Eerste dashboard").select_option(label="Dashboard eerste halfjaar 2024")
    board_page.get_by_label("Tweede dashboard").select_option(label="Dashboard tweede halfjaar 2024")
    board_page.get_by_role("button", name="Vergelijken").click()
    row = board_page.locator('tr[data-key="kpi:K05"]')
    cells = row.locator("td")
    assert cells.nth(0).inner_text().startswith("1")
    assert cells.nth(1).inner_text().startswith("4")
    assert "▲ +3" in cells.nth(2).inner_text()
    assert row.get_by_text("gestegen met 3").count() == 1
    total = board_page.locator('tr[data-key="portfolio:total"]')
    assert total.get_by_text("gestegen met 3").count() == 1
    _assert_accessible(board_page)

    # The board member gives advice on the second dashboard; empty text is refused first.
    board_page.goto(f"/dashboards/{second.pk}/")
    board_page.get_by_role("link", name="Advies geven over dit dashboard").first.click()
    _assert_accessible(board_page)
    board_page.get_by_label("Ongevraagd").check()
    board_page.get_by_label("Onderwerp").fill("Meer evaluaties")
    board_page.get_by_role("button", name="Advies vastleggen").click()
    assert "een advies zonder tekst kan niet worden vastgelegd" in board_page.get_by_role("alert").first.inner_text()
    assert board_page.get_by_label("Onderwerp").input_value() == "Meer evaluaties"
    _assert_accessible(board_page)
    board_page.get_by_role("textbox", name="Uw advies").fill(
        "Laat meer interventies evalueren voordat ze breed worden ingezet."
    )
    board_page.get_by_label("Over KPI (optioneel)").select_option(label="K06 Interventies geëvalueerd")
    board_page.get_by_role("button", name="Advies vastleggen").click()
    assert "Uw advies is vastgelegd" in board_page.get_by_role("status").first.inner_text()
    advice = Advice.objects.get()
    assert (advice.dashboard, advice.kind, advice.kpi.code) == (second, Advice.Kind.UNASKED, "K06")

    # Staff respond.
    page.goto("/adviezen/")
    page.get_by_role("link", name="Meer evaluaties").click()
    page.get_by_label("Deels overgenomen").check()
    page.get_by_label("Reactie van het programma").fill("We evalueren de vijf grootste interventies eerst.")
    page.get_by_role("button", name="Reactie opslaan").click()
    assert "De reactie is opgeslagen" in page.get_by_role("status").first.inner_text()

    # The board member sees the response and the follow-up state.
    board_page.goto("/adviezen/")
    _assert_accessible(board_page)
    board_page.get_by_role("link", name="Meer evaluaties").click()
    main = board_page.locator("main").inner_text()
    assert "We evalueren de vijf grootste interventies eerst." in main
    assert "Deels overgenomen" in main
    assert board_page.get_by_role("button", name="Reactie opslaan").count() == 0
    _assert_accessible(board_page)


def test_a_board_member_sees_no_draft_and_may_not_publish(page, people):
    InterventionFactory()
    draft = DashboardFactory(year=2024, half=1)
    sign_in(page, "dave", PASSWORD)
    assert page.goto(f"/dashboards/{draft.pk}/").status == 404
    assert page.goto(f"/dashboards/{draft.pk}/publiceren/").status == 403
    assert page.goto("/dashboards/nieuw/").status == 403
    page.goto("/dashboards/")
    assert "Er is nog geen dashboard gepubliceerd" in page.locator("main").inner_text()
    _assert_accessible(page)


def test_the_board_pages_fit_a_phone(browser, live_server, people):
    InterventionFactory()
    dashboard = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=people["staff"], notify=False)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, "dave", PASSWORD)
    for path in (f"/dashboards/{dashboard.pk}/", "/dashboards/", "/adviezen/", "/adviezen/nieuw/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()
