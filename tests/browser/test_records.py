"""The programme's records in Chromium: staff record a board meeting and the dashboard presented at it;
every record page passes axe, for staff and for the board."""

import pytest

from agenda.models import Activity, BoardMembership, Event, PolicyThemeInventory, ResearchResult
from municipalities.models import ActivityParticipation
from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def test_staff_record_a_board_meeting_and_the_dashboard_presented_at_it(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Activiteiten").click()
    page.get_by_role("link", name="Bijeenkomsten").first.click()
    page.get_by_role("link", name="Nieuwe bijeenkomst").click()
    page.get_by_label("Activiteit").select_option(label="Klankbordgroep")
    page.get_by_label("Titel").fill("Klankbordgroep extra")
    page.get_by_label("Datum").fill("2025-05-13")
    page.get_by_label("Gepresenteerde resultaten").fill("De cijfers van de learning community.")
    page.get_by_label("Advies gevraagd").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "is toegevoegd" in page.get_by_role("status").first.inner_text()

    page.get_by_role("link", name="Gepresenteerde dashboards kiezen").click()
    page.get_by_label("Dashboard tweede halfjaar 2024, versie 2").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Dashboard 2024-H2 v2").is_visible()
    meeting = Event.objects.get(title="Klankbordgroep extra")
    assert meeting.advice_asked and [str(d) for d in meeting.dashboards_presented.all()] == ["2024-H2 v2"]


def _paths() -> list[str]:
    meeting = Event.objects.filter(activity__kind=Activity.Kind.ADVISORY_BOARD).exclude(dashboards_presented=None)
    ids = {
        "meeting": meeting.order_by("held_on").first().pk,
        "research": ResearchResult.objects.order_by("pk").first().pk,
        "inventory": PolicyThemeInventory.objects.order_by("pk").first().pk,
        "member": BoardMembership.objects.order_by("pk").first().pk,
        "participation": ActivityParticipation.objects.order_by("pk").first().pk,
    }
    return [
        path.format(**ids)
        for path in [
            "/activiteiten/",
            "/activiteiten/bijeenkomsten/",
            "/activiteiten/bijeenkomsten/{meeting}/",
            "/activiteiten/onderzoek/",
            "/activiteiten/onderzoek/{research}/",
            "/activiteiten/beleidsthemas/",
            "/activiteiten/beleidsthemas/{inventory}/",
            "/activiteiten/klankbordgroep/",
            "/activiteiten/klankbordgroep/{member}/",
            "/activiteiten/deelname/",
            "/activiteiten/deelname/{participation}/",
        ]
    ]


STAFF_FORMS = [
    "/activiteiten/bijeenkomsten/nieuw/",
    "/activiteiten/bijeenkomsten/{meeting}/wijzigen/",
    "/activiteiten/bijeenkomsten/{meeting}/dashboards/",
    "/activiteiten/onderzoek/nieuw/",
    "/activiteiten/onderzoek/{research}/wijzigen/",
    "/activiteiten/beleidsthemas/nieuw/",
    "/activiteiten/klankbordgroep/nieuw/",
    "/activiteiten/deelname/nieuw/",
]


@pytest.mark.parametrize("username", ["staf", "klankbord"])
def test_record_pages_have_no_wcag_violations(page, demo_data, username):
    sign_in(page, username, DEMO_PASSWORD)
    paths = _paths()
    if username == "staf":
        meeting = paths[2].rstrip("/").rsplit("/", 1)[-1]
        research = paths[4].rstrip("/").rsplit("/", 1)[-1]
        paths += [path.format(meeting=meeting, research=research) for path in STAFF_FORMS]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert axe_violations(page) == [], path
