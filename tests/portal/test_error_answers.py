"""Errors on the API are JSON, whatever went wrong; a body that is too large is refused before it is read."""

import json

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from interventions.api import reports as reports_api
from portal import errors
from tests.interventions.reporting import fill_report, start_report

pytestmark = pytest.mark.django_db

TOO_LARGE = str(300 * 1024 * 1024)


def test_an_unknown_api_path_is_a_json_404(municipality_client):
    response = municipality_client.get("/api/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_an_unknown_page_stays_an_html_404(municipality_client):
    response = municipality_client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unexpected_error_in_the_api_is_a_json_500(municipality_client, world, users, monkeypatch):
    report = fill_report(start_report(world, users["bob"]), users["bob"])

    def broken(**_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(reports_api.services, "report_submit", broken)
    response = municipality_client.post(
        reverse("interventions_api:report-submit", args=[report.pk]), {}, content_type="application/json"
    )
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "boom" not in response.content.decode()
    assert response.json()["detail"].startswith("Er ging iets mis")


def test_a_server_error_outside_drf_is_json_on_the_api_and_a_page_elsewhere():
    api = errors.server_error(RequestFactory().get("/api/reports/"))
    assert api.status_code == 500 and json.loads(api.content)["detail"]
    page = errors.server_error(RequestFactory().get("/verslagen/"))
    assert page.status_code == 500 and b"<html" in page.content


def test_a_huge_anonymous_post_is_refused_before_its_body_is_read(client):
    response = client.post(reverse("login"), data=b"x", content_type="text/plain", CONTENT_LENGTH=TOO_LARGE)
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert response["Connection"] == "close"


def test_the_refusal_speaks_english_to_who_chose_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), data=b"x", content_type="text/plain", CONTENT_LENGTH=TOO_LARGE)
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_a_too_large_api_request_is_refused_in_json(municipality_client):
    response = municipality_client.post(
        "/api/reports/", data=b"{}", content_type="application/json", CONTENT_LENGTH=TOO_LARGE
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Het verzoek is te groot")


def test_a_request_just_within_the_limit_is_let_through(client):
    response = client.post(
        reverse("login"), data=b"x", content_type="text/plain", CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES)
    )
    assert response.status_code != 413
