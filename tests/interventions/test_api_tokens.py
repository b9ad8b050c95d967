"""API keys: a municipality user makes and revokes their own; nobody makes one for someone else;
keys are kept hashed, expire, record their last use, and mark the history of what they changed."""

import datetime
import hashlib
import importlib
import logging

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken, ChangeChannel
from core.tokens import token_create, token_revoke
from interventions.models import Report
from tests.interventions.reporting import signed_in, start_report

pytestmark = pytest.mark.django_db

MINE = reverse("interventions:my_api_tokens")
OVERVIEW = reverse("interventions:api_tokens")
REPORTS = reverse("interventions_api:report-list")


def _api(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _security_events(caplog) -> list:
    """The key events among the security log's lines (signing in writes its own)."""
    return [r for r in caplog.records if r.name == "veerkracht.security" and r.event.startswith("token.")]


def test_staff_cannot_make_a_key_for_a_municipality_user(client, world, users):
    c = signed_in(client, users["alice"])
    assert c.post(OVERVIEW, {"user": users["bob"].pk}).status_code == 405
    assert c.post(MINE, {"name": "van bob"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_municipality_user_makes_a_key_shown_once_and_kept_only_as_a_hash(client, world, users, caplog):
    c = signed_in(client, users["bob"])
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = c.post(MINE, {"name": "laptop"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    token = ApiToken.objects.get()
    page = response.content.decode()
    secret = page.split('<p class="report-token"><code>')[1].split("</code>")[0]
    assert secret.startswith("vk_") and len(secret) == 67
    assert (token.user, token.created_by, token.name) == (users["bob"], users["bob"], "laptop")
    assert token.created_from == "203.0.113.9"
    assert token.digest == hashlib.sha512(secret.encode()).hexdigest()
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert secret not in c.get(MINE).content.decode()
    (event,) = _security_events(caplog)
    assert event.event == "token.created" and event.details["token"] == "laptop"
    assert event.address == "203.0.113.9" and event.user_id == users["bob"].pk


def test_a_key_without_a_name_is_refused_with_a_message(client, world, users):
    response = signed_in(client, users["bob"]).post(MINE, {"name": ""})
    assert response.status_code == 400
    assert "Geef de sleutel een naam" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_key_works_for_its_owner_and_records_when_it_was_last_used(world, users):
    token, secret = token_create(by=users["bob"], name="systeem", address=None)
    assert token.last_used is None
    response = _api(secret).get(REPORTS)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


@override_settings(API_TOKEN_DAYS=30)
def test_a_key_expires_after_the_configured_days_and_is_then_refused(world, users):
    token, secret = token_create(by=users["bob"], name="systeem", address=None)
    assert abs(token.expiry - (token.created + datetime.timedelta(days=30))) < datetime.timedelta(minutes=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    response = _api(secret).get(REPORTS)
    assert response.status_code == 401
    assert "verlopen" in response.json()["detail"]
    assert ApiToken.objects.filter(pk=token.pk).exists()  # kept on record, not deleted


def test_an_owner_revokes_a_key_which_stops_working_and_is_not_replaced(client, world, users, caplog):
    token, secret = token_create(by=users["bob"], name="laptop", address=None)
    assert _api(secret).get(REPORTS).status_code == 200
    c = signed_in(client, users["bob"])
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = c.post(reverse("interventions:my_api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == users["bob"]
    assert ApiToken.objects.filter(user=users["bob"]).count() == 1
    response = _api(secret).get(REPORTS)
    assert response.status_code == 401
    assert "ingetrokken" in response.json()["detail"]
    assert [e.event for e in _security_events(caplog)] == ["token.revoked", "token.rejected"]


def test_another_municipality_user_cannot_revoke_or_see_a_key(client, world, users):
    token, _secret = token_create(by=users["bob"], name="laptop", address=None)
    c = signed_in(client, users["carol"])
    assert c.post(reverse("interventions:my_api_token_revoke", args=[token.pk])).status_code == 404
    assert "laptop" not in c.get(MINE).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_staff_see_every_key_with_its_use_but_never_its_secret(client, world, users):
    token, secret = token_create(by=users["bob"], name="laptop", address="203.0.113.9")
    _api(secret).get(REPORTS)
    c = signed_in(client, users["alice"])
    page = c.get(OVERVIEW).content.decode()
    assert "laptop" in page and "203.0.113.9" in page
    assert secret not in page and token.digest not in page and token.token_key not in page
    # The overview's queries do not grow with the keys it shows.
    with CaptureQueriesContext(connection) as one:
        c.get(OVERVIEW)
    for name in ("a", "b", "c"):
        token_revoke(token=token_create(by=users["carol"], name=name, address=None)[0], by=users["carol"])
    with CaptureQueriesContext(connection) as four:
        c.get(OVERVIEW)
    assert len(four) == len(one)


def test_history_records_a_change_through_the_api_and_the_key_it_came_with(client, world, users):
    token, secret = token_create(by=users["bob"], name="laptop", address=None)
    response = _api(secret).post(REPORTS, {"period": world.period.pk}, format="json")
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()["id"])
    record = report.history.latest("history_id")
    assert (record.history_via, record.history_token_id) == (ChangeChannel.API, token.pk)
    page = signed_in(client, users["bob"]).get(reverse("interventions:report_history", args=[report.pk]))
    assert "via de API (sleutel ‘laptop’)" in page.content.decode()


def test_history_records_a_change_in_the_browser_as_made_on_the_website(client, world, users):
    c = signed_in(client, users["bob"])
    response = c.post(reverse("interventions:report_create"), {"period": world.period.pk})
    assert response.status_code == 302
    record = Report.history.latest("history_id")
    assert (record.history_via, record.history_token_id) == (ChangeChannel.WEB, None)


def test_history_records_a_change_without_a_request_as_made_by_the_system(world, users):
    report = start_report(world, users["bob"])
    assert report.history.latest("history_id").history_via == ChangeChannel.SYSTEM


def test_an_old_plain_text_token_is_revoked_with_a_message_to_its_owner(client, world, users, caplog):
    """The migration turns each plain-text token into a revoked, hashed record and deletes the plain text."""
    old_key = "0123456789abcdef0123456789abcdef01234567"
    created = timezone.now() - datetime.timedelta(days=400)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer, created timestamp)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [old_key, users["bob"].pk, created])
    migration = importlib.import_module("core.migrations.0004_revoke_plain_text_tokens")
    migration.revoke_plain_text_tokens(apps, connection.schema_editor())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE authtoken_token")
    token = ApiToken.objects.get()
    assert token.replaced and token.revoked_at is not None and token.user == users["bob"]
    assert token.digest == hashlib.sha512(old_key.encode()).hexdigest()

    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        response = _api(old_key).get(REPORTS)
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert "oude soort" in detail and MINE in detail
    (event,) = _security_events(caplog)
    assert (event.event, event.details["reason"], event.user_id) == ("token.rejected", "replaced", users["bob"].pk)
    page = signed_in(client, users["bob"]).get(MINE).content.decode()
    assert "Oude sleutel ingetrokken" in page
