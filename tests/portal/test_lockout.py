"""Lockout after repeated wrong passwords (django-axes), on the portal's sign-in and the admin's, and staff's unlock."""

import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"


def _try(client, username, password, *, url="/accounts/login/", address=ADDRESS):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _security_events(caplog, name):
    return [r for r in caplog.records if r.name == "veerkracht.security" and r.getMessage() == name]


def test_four_wrong_passwords_then_the_right_one_signs_in(client, users):
    for _ in range(4):
        assert _try(client, "bob", "wrong").status_code == 200
    response = _try(client, "bob", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["bob"].pk)


def test_a_success_starts_the_count_again(client, users):
    for _ in range(4):
        _try(client, "bob", "wrong")
    _try(client, "bob", PASSWORD)
    client.post(reverse("logout"))
    for _ in range(4):
        _try(client, "bob", "wrong")
    assert _try(client, "bob", PASSWORD).status_code == 302


def test_the_fifth_failure_locks_and_then_the_right_password_is_refused_in_dutch(client, users, caplog):
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        for _ in range(5):
            _try(client, "bob", "wrong")
        response = _try(client, "bob", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Dit account is tijdelijk geblokkeerd" in text
    assert "30 minuten" in text
    (event,) = _security_events(caplog, "signin.locked_out")
    assert event.username == "bob" and event.address == ADDRESS
    (refused,) = _security_events(caplog, "signin.refused_locked")
    assert refused.username == "bob"


def test_the_lockout_message_is_english_when_the_user_chose_english(client, users):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        _try(client, "bob", "wrong")
    text = _try(client, "bob", PASSWORD).content.decode()
    assert "This account is temporarily locked" in text


def test_the_limit_is_configurable(client, users, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _try(client, "bob", "wrong")
    _try(client, "bob", "wrong")
    assert _try(client, "bob", PASSWORD).status_code == 429


def test_the_lock_holds_the_username_and_address_together_not_the_address_alone(client, users):
    for _ in range(5):
        _try(client, "bob", "wrong")
    assert _try(client, "carol", PASSWORD).status_code == 302  # a colleague behind the same address
    client.post(reverse("logout"))
    assert _try(client, "bob", PASSWORD, address="198.51.100.20").status_code == 302  # bob elsewhere


def test_the_admin_sign_in_is_locked_the_same_way(client, users):
    for _ in range(5):
        _try(client, "alice", "wrong", url="/admin/login/")
    response = _try(client, "alice", PASSWORD, url="/admin/login/")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # and the lock counts on the portal's own sign-in page too
    assert _try(client, "alice", PASSWORD).status_code == 429


def _lock_bob(client):
    for _ in range(5):
        _try(client, "bob", "wrong")
    return AccessAttempt.objects.get(username="bob")


def test_staff_see_the_locked_accounts(staff_client, users):
    from django.test import Client

    _lock_bob(Client())
    text = staff_client.get(reverse("lockouts")).content.decode()
    assert "bob" in text and ADDRESS in text


def test_a_username_below_the_limit_is_not_listed(staff_client, users):
    from django.test import Client

    anonymous = Client()
    for _ in range(2):
        _try(anonymous, "carol", "wrong")
    assert "carol" not in staff_client.get(reverse("lockouts")).content.decode()


def test_staff_unlock_an_account_and_the_unlock_is_logged(staff_client, users, caplog):
    from django.test import Client

    anonymous = Client()
    attempt = _lock_bob(anonymous)
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = staff_client.post(reverse("lockout_release", args=[attempt.pk]))
    assert response.status_code == 302
    (event,) = _security_events(caplog, "signin.unlocked")
    assert event.username == "alice"
    assert event.details == {"locked_username": "bob", "locked_address": ADDRESS, "failures": 5}
    assert _try(anonymous, "bob", PASSWORD).status_code == 302


def test_others_cannot_unlock(municipality_client, users):
    from django.test import Client

    attempt = _lock_bob(Client())
    assert municipality_client.post(reverse("lockout_release", args=[attempt.pk])).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
