"""Password reset by e-mail, password change, the password policy, and sessions that end when idle."""

import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.middleware import LAST_ACTIVITY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "een-lange-nieuwe-zin-2026"


def test_a_password_reset_mails_a_link_that_sets_a_new_password_once(client, users):
    response = client.post(reverse("password_reset"), {"email": "bob@example.nl"})
    assert response.headers["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["bob@example.nl"]
    assert "Nieuw wachtwoord" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord instellen" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.headers["Location"] == reverse("password_reset_complete")
    users["bob"].refresh_from_db()
    assert users["bob"].check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, users):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.nl"})
    assert response.headers["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_reset_pages_are_in_english_when_chosen(client):
    client.cookies["django_language"] = "en"
    assert "Forgot your password" in client.get(reverse("password_reset")).content.decode()


def test_a_signed_in_user_changes_their_password(client, users):
    client.force_login(users["bob"])
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.headers["Location"] == reverse("password_change_done")
    users["bob"].refresh_from_db()
    assert users["bob"].check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200  # still signed in


def test_a_short_new_password_is_refused_in_dutch(client, users):
    client.force_login(users["bob"])
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "kort-2026", "new_password2": "kort-2026"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Het moet minstens 12 tekens hebben." in response.content.decode()


def test_the_policy_asks_for_twelve_characters(users):
    with pytest.raises(ValidationError):
        validate_password("elf-tekens1", users["bob"])
    validate_password("twaalf-tekens", users["bob"])


def test_the_sign_in_page_links_to_the_password_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_the_session_ends_when_the_browser_closes_and_after_the_idle_time(client, users, settings):
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a cookie that lives as long as the browser
    assert response.wsgi_request.session.get_expiry_age() == 30 * 60


def _idle_for(client, seconds):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time()) - seconds
    session.save()


def test_thirty_minutes_without_a_request_signs_the_user_out(client, users):
    client.force_login(users["bob"])
    _idle_for(client, 31 * 60)
    response = client.get(reverse("interventions:workspace"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_activity_within_the_idle_time_keeps_the_session(client, users):
    client.force_login(users["bob"])
    _idle_for(client, 29 * 60)
    assert client.get(reverse("interventions:workspace")).status_code == 200
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 5  # the clock started again


def test_the_idle_time_is_configurable(client, users, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(users["bob"])
    _idle_for(client, 6 * 60)
    assert client.get(reverse("interventions:workspace")).status_code == 302
