"""The headers every response carries: Content-Security-Policy, HSTS and the https redirect, Cache-Control;
and the API schema and its viewers behind sign-in."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_page_gets_a_strict_content_security_policy(client):
    directives = _directives(client.get("/"))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in source for sources in directives.values() for source in sources)


def test_the_swagger_page_runs_its_script_with_the_nonce_of_its_header(staff_client):
    response = staff_client.get(reverse("api-docs"))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert "<style" not in response.content.decode()
    assert "style=" not in response.content.decode()


def test_a_plain_http_request_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/toegankelijkheid")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/toegankelijkheid"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_health_probes_are_not_redirected(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(path).status_code in {200, 503}


def test_an_https_response_tells_the_browser_to_keep_to_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_public_page_keeps_normal_caching(client):
    response = client.get("/toegankelijkheid")

    assert "sessionid" not in response.cookies
    assert "no-store" not in response.get("Cache-Control", "")


def test_signing_in_is_not_stored(client, users):
    users["alice"].set_password("a-long-enough-password")
    users["alice"].save()

    response = client.post(reverse("login"), {"username": "alice", "password": "a-long-enough-password"})

    assert response.status_code == 302
    assert "sessionid" in response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid"])
def test_a_signed_in_page_is_private_and_not_stored(staff_client, path):
    cache_control = staff_client.get(path)["Cache-Control"]

    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control


def test_an_export_is_private_and_not_stored(staff_client, programme):
    response = staff_client.get(reverse("analysis:kpi_export", kwargs={"fmt": "csv"}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_api_json_for_a_token_is_private_and_not_stored(client, users):
    from core.tokens import token_create

    _token, secret = token_create(by=users["alice"], name="test", address=None)

    response = client.get("/api/register/municipalities/", HTTP_AUTHORIZATION=f"Token {secret}")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_api_schema_needs_a_signed_in_user(client, staff_client):
    from django.test import Client

    assert Client().get(reverse("api-schema")).status_code == 401
    assert staff_client.get(reverse("api-schema")).status_code == 200


@pytest.mark.parametrize("name", ["api-docs"])
def test_the_api_viewers_send_an_anonymous_visitor_to_the_login_page(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["api-schema", "api-docs"])
def test_the_api_docs_can_be_made_public(client, settings, name):
    settings.API_DOCS_PUBLIC = True

    assert client.get(reverse(name)).status_code == 200
