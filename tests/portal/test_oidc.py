"""Single sign-on through OpenID Connect, against a small provider started by the test (tests/oidc_provider.py)."""

import json
import logging
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from core import roles
from municipalities.models import Membership
from portal.oidc import SECOND_FACTOR_BY_IDP
from tests import oidc_provider
from tests.factories import PASSWORD
from tests.portal.test_configuration import ROOT, _check

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider():
    running = oidc_provider.Provider()
    yield running
    running.close()


@pytest.fixture
def oidc_on(settings, provider):
    provider.claims = {}
    provider.audience = oidc_provider.CLIENT_ID
    oidc_provider.switch_on(settings, discovery_url=provider.discovery_url)
    yield provider
    oidc_provider.switch_off(settings)
    cache.clear()


def _sign_in(client, provider, claims, *, next_url: str = ""):
    """The whole flow in the browser: the portal's button, the provider's page, and back to the portal."""
    provider.claims = claims
    response = client.get(reverse("oidc_authentication_init"), {"next": next_url} if next_url else {})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{provider.url}/authorize?")
    back = urlsplit(provider.authorize(response["Location"]))
    assert back.path == reverse("oidc_authentication_callback")
    return client.get(f"{back.path}?{back.query}", follow=True)


def _claims(sub: str, role, **extra) -> dict:
    return (
        {"sub": sub, "email": f"{sub}@example.nl", "given_name": "Fleur", "family_name": "de Vries"}
        | ({"veerkracht_role": role} if role is not None else {})
        | extra
    )


def _security_events(caplog) -> list:
    """The single sign-on's events among the security log's lines (a refusal is also a failed sign-in)."""
    return [
        record
        for record in caplog.records
        if record.name == "veerkracht.security" and record.event.startswith("signin.oidc")
    ]


def test_it_is_off_by_default(client, settings):
    assert settings.OIDC_ENABLED is False
    assert "portal.oidc.PortalOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met" not in page and "/accounts/oidc/" not in page


def test_the_sign_in_page_offers_the_provider_next_to_the_password_form(client, oidc_on):
    page = client.get(reverse("login"), {"next": "/register/"}).content.decode()
    assert 'name="password"' in page
    assert "Inloggen met Testprovider" in page
    assert f"{reverse('oidc_authentication_init')}?next=/register/" in page


def test_a_municipality_user_is_created_from_the_claims_with_their_municipality(client, oidc_on, caplog):
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = _sign_in(client, oidc_on, _claims("f.devries", "gemeente", cbs_code="gm0344"))

    user = User.objects.get(username="f.devries")
    assert (user.email, user.first_name, user.last_name) == ("f.devries@example.nl", "Fleur", "de Vries")
    assert not user.has_usable_password()
    assert roles.role_of(user) == roles.MUNICIPALITY
    assert Membership.objects.get(user=user).municipality.cbs_code == "GM0344"
    assert response.wsgi_request.user == user
    assert "Werkplek gemeente Utrecht" in response.content.decode()
    (event,) = [record for record in _security_events(caplog) if record.event == "signin.oidc"]
    assert event.username == "f.devries" and event.details["role"] == roles.MUNICIPALITY
    signins = [r for r in caplog.records if r.name == "veerkracht.security" and r.event.startswith("signin")]
    assert [record.event for record in signins] == ["signin.oidc"]


def test_the_provider_vouches_for_the_second_factor(client, oidc_on):
    _sign_in(client, oidc_on, _claims("f.devries", "programmastaf"))
    assert client.session[SECOND_FACTOR_BY_IDP] is True


def test_a_password_sign_in_does_not_claim_a_second_factor(client, oidc_on, users):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(users["alice"].pk)
    assert SECOND_FACTOR_BY_IDP not in client.session


@pytest.mark.parametrize(
    ("claim", "role"),
    [
        ("programmastaf", roles.STAFF),
        (["medewerkers", "Klankbordgroep"], roles.BOARD),
        (["gemeente", "programmastaf"], roles.STAFF),  # the strongest role wins, as in roles.role_of
    ],
)
def test_the_role_claim_maps_to_a_role(client, oidc_on, claim, role):
    _sign_in(client, oidc_on, _claims("someone", claim))
    assert roles.role_of(User.objects.get(username="someone")) == role


def test_the_claim_names_and_values_are_configurable(client, oidc_on, settings):
    settings.OIDC_CLAIM_USERNAME = "preferred_username"
    settings.OIDC_CLAIM_ROLE = "groups"
    settings.OIDC_CLAIM_MUNICIPALITY = "gemeentecode"
    settings.OIDC_ROLE_MUNICIPALITY = ["vwa-gemeenten"]
    _sign_in(
        client,
        oidc_on,
        {"sub": "8f14e45f", "preferred_username": "j.jansen", "groups": ["vwa-gemeenten"], "gemeentecode": "GM0599"},
    )
    user = User.objects.get(username="j.jansen")
    assert roles.role_of(user) == roles.MUNICIPALITY
    assert Membership.objects.get(user=user).municipality.name == "Rotterdam"


def test_each_sign_in_follows_the_claims_of_today(client, oidc_on):
    _sign_in(client, oidc_on, _claims("mover", "gemeente", cbs_code="GM0599"))
    client.logout()
    _sign_in(client, oidc_on, _claims("mover", "gemeente", cbs_code="GM0344", family_name="Bakker"))
    user = User.objects.get(username="mover")
    assert [m.municipality.cbs_code for m in Membership.objects.filter(user=user)] == ["GM0344"]
    assert user.last_name == "Bakker"
    client.logout()

    _sign_in(client, oidc_on, _claims("mover", "klankbordgroep"))
    assert roles.role_of(User.objects.get(username="mover")) == roles.BOARD
    assert not Membership.objects.filter(user=user).exists()
    assert list(user.groups.values_list("name", flat=True)) == [roles.BOARD]


@pytest.mark.parametrize("claim", [None, "", "beheerder", ["medewerkers"]])
def test_claims_without_a_role_are_refused_with_a_message(client, oidc_on, caplog, claim):
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = _sign_in(client, oidc_on, _claims("stranger", claim))

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "uw account heeft geen rol in dit portaal" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(username="stranger").exists()
    (event,) = _security_events(caplog)
    assert (event.event, event.username, event.details["reason"]) == ("signin.oidc_refused", "stranger", "no_role")


def test_the_refusal_is_in_english_for_an_english_reader(client, oidc_on):
    client.cookies["django_language"] = "en"
    response = _sign_in(client, oidc_on, _claims("stranger", "beheerder"))
    assert "your account has no role in this portal" in response.content.decode()


def test_an_existing_account_whose_role_was_taken_away_is_refused_and_kept_as_it_was(client, oidc_on):
    _sign_in(client, oidc_on, _claims("leaver", "programmastaf"))
    client.logout()
    response = _sign_in(client, oidc_on, _claims("leaver", None))
    assert "geen rol in dit portaal" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert roles.role_of(User.objects.get(username="leaver")) == roles.STAFF


@pytest.mark.parametrize("code", [None, "GM9999"])
def test_a_municipality_role_without_a_known_municipality_is_refused(client, oidc_on, code):
    claims = _claims("lost", "gemeente", **({"cbs_code": code} if code else {}))
    response = _sign_in(client, oidc_on, claims)
    assert "noemt geen gemeente die het portaal kent" in response.content.decode()
    assert not User.objects.filter(username="lost").exists()


def test_cancelling_at_the_provider_returns_to_the_sign_in_page(client, oidc_on):
    response = _sign_in(client, oidc_on, None)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Inloggen via Testprovider is niet gelukt" in response.content.decode()


def test_an_id_token_for_another_client_is_refused(client, oidc_on):
    oidc_on.audience = "another-client"
    response = _sign_in(client, oidc_on, _claims("f.devries", "programmastaf"))
    assert "Inloggen via Testprovider is niet gelukt" in response.content.decode()
    assert not User.objects.filter(username="f.devries").exists()


def test_a_deactivated_account_is_refused(client, oidc_on):
    User.objects.create_user("blocked", is_active=False)
    response = _sign_in(client, oidc_on, _claims("blocked", "programmastaf"))
    assert "Uw account in dit portaal is uitgeschakeld" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_an_account_deactivated_after_signing_in_is_signed_out(client, oidc_on):
    _sign_in(client, oidc_on, _claims("f.devries", "programmastaf"))
    User.objects.filter(username="f.devries").update(is_active=False)
    response = client.get(reverse("home"))
    assert not response.wsgi_request.user.is_authenticated


def test_the_portal_keeps_where_the_user_was_going(client, oidc_on):
    response = _sign_in(client, oidc_on, _claims("f.devries", "programmastaf"), next_url="/register/")
    assert response.redirect_chain[0][0] == "/register/"


def test_a_provider_that_is_away_gets_a_message_not_an_error(client, oidc_on, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.get(reverse("oidc_authentication_init"), follow=True)
    assert response.status_code == 200
    assert "Testprovider is nu niet bereikbaar" in response.content.decode()


def test_a_callback_this_browser_did_not_start_is_refused(client, oidc_on):
    oidc_on.claims = _claims("f.devries", "programmastaf")
    response = client.get(reverse("oidc_authentication_init"))
    callback = urlsplit(oidc_on.authorize(response["Location"]))
    client.get(f"{callback.path}?{callback.query}")
    client.logout()

    response = client.get(f"{callback.path}?{callback.query}", follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Inloggen via Testprovider is niet gelukt" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


SSO = {"DEBUG": "false", "SECRET_KEY": "x", "ALLOWED_HOSTS": "example.nl", "OIDC_ENABLED": "true"}
SHOW_BACKENDS = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
    "from django.conf import settings; print(json.dumps(settings.AUTHENTICATION_BACKENDS))"
)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "OIDC_CLIENT_ID"),
        ({"OIDC_CLIENT_ID": "portal"}, "OIDC_CLIENT_SECRET"),
        ({"OIDC_CLIENT_ID": "portal", "OIDC_CLIENT_SECRET": "s"}, "OIDC_AUTHORIZATION_ENDPOINT"),
        (
            {
                "OIDC_CLIENT_ID": "portal",
                "OIDC_CLIENT_SECRET": "s",
                "OIDC_AUTHORIZATION_ENDPOINT": "https://sso.example.nl/auth",
                "OIDC_TOKEN_ENDPOINT": "https://sso.example.nl/token",
                "OIDC_USERINFO_ENDPOINT": "https://sso.example.nl/userinfo",
            },
            "OIDC_JWKS_ENDPOINT",
        ),
    ],
)
def test_an_incomplete_configuration_names_what_is_missing(env, variable):
    result = _check(**SSO, **env)
    assert result.returncode != 0
    assert variable in result.stderr.strip().splitlines()[-1]


def test_a_discovery_url_is_enough_and_passwords_keep_working():
    env = {**SSO, "OIDC_CLIENT_ID": "portal", "OIDC_CLIENT_SECRET": "s"}
    env["OIDC_DISCOVERY_URL"] = "https://sso.example.nl/.well-known/openid-configuration"
    assert _check(**env).returncode == 0
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "OIDC"))}
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_BACKENDS],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(shown.stdout) == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "portal.oidc.PortalOIDCBackend",
    ]
