"""Signing in and out, and the home page each role lands on."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_refused_in_dutch_without_saying_which_field(client, users):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in text
    assert "alice" in text  # what was typed stays in the form


def test_an_unknown_user_gets_the_same_message(client, users):
    response = client.post(reverse("login"), {"username": "mallory", "password": "wrong"})
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_staff_land_on_the_staff_home_after_the_second_factor(client, users):
    from portal.second_factor import current_code
    from tests.factories import make_totp_device

    device = make_totp_device(users["alice"])
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/tweede-factor/?next=/"
    client.post(reverse("second_factor"), {"code": current_code(device), "next": "/"})
    response = client.get(reverse("home"))
    assert "Werkplek programmastaf" in response.content.decode()


def test_municipality_user_sees_their_municipality(client, users):
    client.force_login(users["bob"])
    response = client.get(reverse("home"))
    assert "Werkplek gemeente Rotterdam" in response.content.decode()


def test_municipality_user_without_membership_is_told_so(client, users):
    from django.contrib.auth.models import Group

    users["eve"].groups.add(Group.objects.get(name="Gemeente"))
    client.force_login(users["eve"])
    response = client.get(reverse("home"))
    assert "nog niet aan een gemeente gekoppeld" in response.content.decode()


def test_board_member_lands_on_the_board_home(client, users):
    client.force_login(users["dave"])
    assert "Werkplek klankbordgroep" in client.get(reverse("home")).content.decode()


def test_anonymous_visitors_see_the_public_home_with_a_sign_in_link(client):
    response = client.get(reverse("home"))
    text = response.content.decode()
    assert "Agenda Veerkrachtige & Weerbare Samenleving" in text
    assert reverse("login") in text


def test_sections_not_built_yet_are_not_links(client, users, monkeypatch):
    from portal import navigation
    from portal.navigation import Section

    monkeypatch.setitem(
        navigation.BY_ROLE, "Programmastaf", [Section("Home", "home"), Section("Toekomst", "nowhere:yet", "Later.")]
    )
    client.force_login(users["alice"])
    text = client.get(reverse("home")).content.decode()
    assert "Toekomst" in text
    assert "binnenkort" in text
    assert "nowhere" not in text


def test_logout_is_a_post_and_ends_the_session(client, users):
    client.force_login(users["alice"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_accessibility_statement_is_public(client):
    response = client.get("/toegankelijkheid")
    assert response.status_code == 200
    assert "WCAG" in response.content.decode()


def test_the_language_switch_shows_english(client, users):
    client.force_login(users["alice"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"))
    assert response.content.decode().count('lang="en"') >= 1
    assert "Programme staff workspace" in response.content.decode()


def test_dutch_is_the_default_whatever_the_browser_prefers(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()


def test_the_chosen_language_sticks(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl")
    assert 'lang="en"' in response.content.decode()


def test_the_api_honours_accept_language(client, users):
    client.force_login(users["alice"])
    response = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "en"
