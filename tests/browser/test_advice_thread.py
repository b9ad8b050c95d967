"""In Chromium: advice as a conversation, and the notifications that carry it from one side to the other.

The board gives advice; staff see the unread count in the header and the notification, answer, and the board
member is told and replies; staff are told of the reply.
"""

import re

import pytest

from analysis.services.dashboards import dashboard_publish
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, DashboardFactory, InterventionFactory, make_user


@pytest.fixture
def dashboard():
    staff = make_user("alice", role="staff")
    make_user("dave", role="board")
    InterventionFactory()
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=staff, notify=False)


@pytest.fixture
def board_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _bell(page):
    return page.locator("header").get_by_role("link", name=re.compile("^Meldingen"))


def _assert_accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def test_an_advice_thread_with_its_notifications(page, board_page, dashboard):
    sign_in(board_page, "dave", PASSWORD)
    sign_in(page, "alice", PASSWORD)
    assert "ongelezen" not in _bell(page).inner_text()

    # The board member gives advice.
    board_page.goto(f"/adviezen/nieuw/?dashboard={dashboard.pk}")
    board_page.get_by_label("Ongevraagd").check()
    board_page.get_by_label("Onderwerp").fill("Meer evaluaties")
    board_page.get_by_role("textbox", name="Uw advies").fill("Laat meer interventies evalueren.")
    board_page.get_by_role("button", name="Advies vastleggen").click()
    assert "Uw advies is vastgelegd" in board_page.get_by_role("status").first.inner_text()

    # Staff see the unread count in the header, and the notification in their list.
    page.goto("/")
    assert "1 ongelezen" in _bell(page).inner_text()
    _bell(page).click()
    _assert_accessible(page)
    page.get_by_role("link", name="Nieuw advies van de klankbordgroep: „Meer evaluaties”.").click()
    assert page.get_by_role("heading", name="Meer evaluaties").is_visible()
    assert "ongelezen" not in _bell(page).inner_text()

    # Staff answer.
    page.get_by_label("Deels overgenomen").check()
    page.get_by_label("Reactie van het programma").fill("We evalueren de vijf grootste interventies eerst.")
    page.get_by_role("button", name="Reactie opslaan").click()
    assert "De reactie is opgeslagen" in page.get_by_role("status").first.inner_text()

    # The board member is told, opens the advice from the notification and replies.
    board_page.goto("/adviezen/")
    assert "1 ongelezen" in _bell(board_page).inner_text()
    _bell(board_page).click()
    board_page.get_by_role("link", name="Het programma heeft gereageerd op het advies „Meer evaluaties”.").click()
    thread = board_page.locator(".advice-thread")
    assert "We evalueren de vijf grootste interventies eerst." in thread.inner_text()
    _assert_accessible(board_page)
    board_page.get_by_role("button", name="Reactie plaatsen").click()
    assert "een lege reactie kan niet worden geplaatst" in board_page.get_by_role("alert").first.inner_text()
    board_page.get_by_label("Uw reactie").fill("Welke vijf zijn dat?")
    board_page.get_by_role("button", name="Reactie plaatsen").click()
    assert "Uw reactie is geplaatst" in board_page.get_by_role("status").first.inner_text()
    assert board_page.locator(".advice-thread__message").count() == 2
    assert "Welke vijf zijn dat?" in board_page.locator(".advice-thread__message--board").inner_text()
    _assert_accessible(board_page)

    # Staff are told of the reply and answer it in the same thread.
    page.goto("/meldingen/")
    assert "1 ongelezen" in _bell(page).inner_text()
    page.get_by_role(
        "link", name="De klankbordgroep heeft gereageerd op uw antwoord bij het advies „Meer evaluaties”."
    ).click()
    assert page.get_by_role("heading", name="Antwoorden").is_visible()
    assert page.get_by_label("Reactie van het programma").input_value() == ""
    page.get_by_label("Reactie van het programma").fill("De vijf met het grootste budget.")
    page.get_by_role("button", name="Reactie opslaan").click()
    assert page.locator(".advice-thread__message").count() == 3
    _assert_accessible(page)

    # Both can mark everything read; the count goes away.
    board_page.goto("/meldingen/")
    board_page.get_by_role("button", name="Alles als gelezen markeren").click()
    assert "ongelezen" not in _bell(board_page).inner_text()
    _assert_accessible(board_page)


def test_the_notification_pages_fit_a_phone(browser, live_server, dashboard):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 800})
    page = context.new_page()
    sign_in(page, "dave", PASSWORD)
    for path in ("/meldingen/", "/meldingen/instellingen/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        _assert_accessible(page)
    context.close()
