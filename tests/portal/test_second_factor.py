"""The second factor: required for staff and superusers, optional for others, with single-use recovery codes."""

import logging
import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.second_factor import SECOND_FACTOR_BY_IDP, current_code
from tests.factories import PASSWORD, make_totp_device

pytestmark = pytest.mark.django_db

PAGES = ["/", "/register/", "/accounts/beveiliging/", "/accounts/password_change/", "/admin/"]


def _sign_in_with_password(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return response


def _events(caplog, name):
    return [r for r in caplog.records if r.name == "veerkracht.security" and r.getMessage() == name]


@pytest.mark.parametrize("path", PAGES)
def test_staff_without_the_second_factor_are_sent_to_it_from_every_page(client, users, path):
    client.force_login(users["alice"], second_factor=False)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/tweede-factor/?next=")


def test_the_api_refuses_a_session_without_the_second_factor_with_json(client, users):
    client.force_login(users["alice"], second_factor=False)
    response = client.get("/api/kpis/")
    assert response.status_code == 403
    assert response.json() == {"detail": "De tweede stap van het inloggen ontbreekt."}


def test_a_superuser_without_a_role_must_pass_it_too_for_the_admin(client, users):
    eve = users["eve"]
    eve.is_superuser = eve.is_staff = True
    eve.save()
    client.force_login(eve, second_factor=False)
    assert client.get("/admin/").headers["Location"].startswith("/accounts/tweede-factor/")


@pytest.mark.parametrize("name", ["bob", "dave", "eve"])
def test_other_roles_without_an_authenticator_go_straight_in(client, users, name):
    _sign_in_with_password(client, name)
    assert client.get("/").status_code == 200


def test_staff_without_an_authenticator_are_led_to_set_one_up_right_after_the_password(client, users):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        "/",
        "/accounts/tweede-factor/?next=/",
        "/accounts/tweede-factor/instellen/?next=/",
    ]
    text = response.content.decode()
    assert "<svg" in text  # the QR code, made on the server
    assert "otpauth" not in text.split("<svg")[0]  # no image fetched from elsewhere
    assert 'src="http' not in text


def test_setting_up_the_authenticator_gives_recovery_codes_and_lets_staff_in(client, users, caplog):
    _sign_in_with_password(client, "alice")
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=users["alice"], confirmed=False)
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = client.post(reverse("second_factor_setup"), {"code": current_code(device), "next": "/"})
    text = response.content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", text)
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=users["alice"]).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert len(_events(caplog, "second_factor.device_added")) == 1
    assert "Werkplek programmastaf" in client.get("/").content.decode()


def test_a_wrong_code_at_setup_is_refused_and_the_device_stays_unconfirmed(client, users):
    _sign_in_with_password(client, "alice")
    client.get(reverse("second_factor_setup"))
    response = client.post(reverse("second_factor_setup"), {"code": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=users["alice"], confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_staff_with_an_authenticator_sign_in_with_its_code(client, users, caplog):
    users["alice"].is_staff = True  # may use the admin
    users["alice"].save()
    device = make_totp_device(users["alice"])
    _sign_in_with_password(client, "alice")
    response = client.get(reverse("second_factor"))
    html = response.content.decode()
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'type="text"' in field and 'inputmode="numeric"' in field and 'autocomplete="one-time-code"' in field
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = client.post(reverse("second_factor"), {"code": current_code(device), "next": "/register/"})
    assert response.headers["Location"] == "/register/"
    assert client.get("/admin/").status_code == 200
    assert len(_events(caplog, "second_factor.passed")) == 1


def test_a_wrong_code_is_refused(client, users, caplog):
    make_totp_device(users["alice"])
    _sign_in_with_password(client, "alice")
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = client.post(reverse("second_factor"), {"code": "123456"})
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302
    assert len(_events(caplog, "second_factor.failed")) == 1


def test_a_user_with_a_password_alone_cannot_replace_the_authenticator(client, users):
    make_totp_device(users["alice"])
    _sign_in_with_password(client, "alice")
    response = client.get(reverse("second_factor_setup"))
    assert response.headers["Location"].startswith("/accounts/tweede-factor/?next=")


def test_a_recovery_code_works_once(client, users, caplog):
    from django.test import Client

    make_totp_device(users["alice"])
    client.force_login(users["alice"])
    codes = re.findall(
        r"<li><code>(\w+)</code></li>",
        client.post("/accounts/beveiliging/", {"action": "recovery_codes"}).content.decode(),
    )
    assert len(codes) == 10

    first = Client()
    _sign_in_with_password(first, "alice")
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = first.post(reverse("second_factor"), {"code": codes[0], "recovery": "1", "next": "/"})
    assert response.headers["Location"] == "/"
    assert first.get("/").status_code == 200
    (event,) = _events(caplog, "second_factor.recovery_code_used")
    assert event.details == {"codes_left": 9}

    second = Client()
    _sign_in_with_password(second, "alice")
    response = second.post(reverse("second_factor"), {"code": codes[0], "recovery": "1", "next": "/"})
    assert response.status_code == 200
    assert second.get("/").status_code == 302


def test_a_municipality_user_may_choose_the_second_factor_and_is_then_asked_for_it(client, users):
    device = make_totp_device(users["bob"])
    _sign_in_with_password(client, "bob")
    assert client.get("/").headers["Location"].startswith("/accounts/tweede-factor/")
    client.post(reverse("second_factor"), {"code": current_code(device)})
    assert client.get("/").status_code == 200


def test_a_municipality_user_may_turn_it_off_but_staff_may_not(client, users, caplog):
    from django.test import Client

    make_totp_device(users["bob"])
    client.force_login(users["bob"])
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        client.post(reverse("account"), {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=users["bob"]).exists()
    assert len(_events(caplog, "second_factor.device_removed")) == 1

    staff = Client()
    make_totp_device(users["alice"])
    staff.force_login(users["alice"])
    assert "uitzetten" not in staff.get(reverse("account")).content.decode()
    staff.post(reverse("account"), {"action": "remove"})
    assert TOTPDevice.objects.filter(user=users["alice"]).exists()


def test_a_session_whose_identity_provider_did_the_second_factor_is_accepted(client, users):
    users["alice"].is_staff = True
    users["alice"].save()
    client.force_login(users["alice"], second_factor=False)
    session = client.session
    session[SECOND_FACTOR_BY_IDP] = True
    session.save()
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_signing_in_at_the_admin_also_asks_for_the_second_factor(client, users):
    alice = users["alice"]
    alice.is_staff = True
    alice.save()
    make_totp_device(alice)
    response = client.post("/admin/login/?next=/admin/", {"username": "alice", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.headers["Location"] == "/accounts/tweede-factor/?next=/admin/"


def test_a_municipality_user_whose_authenticator_was_removed_meanwhile_is_let_in(client, users):
    device = make_totp_device(users["bob"])
    _sign_in_with_password(client, "bob")
    device.delete()
    response = client.get("/", follow=True)
    assert response.redirect_chain == [("/accounts/tweede-factor/?next=/", 302), ("/", 302)]
    assert response.status_code == 200
