"""The audit trail: every security event is a row and a JSON line with who, when and from where;
history on reporting periods, accounts, groups and memberships; the staff's pages of both."""

import datetime
import json
import logging
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import log_security_event
from core.models import SecurityEvent
from interventions.models import ReportAttachment
from municipalities.models import Membership
from portal.logs import JsonFormatter
from tests.factories import PASSWORD, ReportingPeriodFactory
from tests.interventions.reporting import PDF_BYTES, start_report

ADDRESS = "203.0.113.9"


def security_lines(caplog) -> list[dict]:
    return [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "veerkracht.security"]


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="veerkracht.security")
    return caplog


def assert_recorded(caplog, event: str, *, username: str, **details):
    """One row and one JSON line of the event, both naming the user, the address and the time."""
    row = SecurityEvent.objects.get(event=event)
    assert (row.username, row.address) == (username, ADDRESS)
    assert timezone.now() - row.time < datetime.timedelta(minutes=5)
    assert details.items() <= row.details.items()
    (line,) = [line for line in security_lines(caplog) if line["event"] == event]
    assert (line["username"], line["address"]) == (username, ADDRESS)
    assert line["time"]
    assert details.items() <= line["details"].items()
    return row


# Sign-in, failure, sign-out ---------------------------------------------------------


def test_a_sign_in_is_recorded_with_who_and_from_where(client, users, security_log):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    row = assert_recorded(security_log, "signin", username="alice")
    assert row.user == users["alice"]


def test_a_failed_sign_in_names_the_username_tried(client, users, security_log):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    row = assert_recorded(security_log, "signin.failed", username="alice")
    assert row.user is None
    assert "wrong" not in json.dumps(row.details)


def test_a_sign_out_is_recorded(client, users, security_log):
    client.force_login(users["bob"])
    assert client.post(reverse("logout"), REMOTE_ADDR=ADDRESS).status_code == 302
    assert_recorded(security_log, "signout", username="bob")


def test_a_sign_in_sets_the_last_sign_in_without_a_history_entry(client, users):
    before = users["alice"].history.count()
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    users["alice"].refresh_from_db()
    assert users["alice"].last_login is not None
    assert users["alice"].history.count() == before


# Exports and downloads ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_report_export_is_recorded(staff_client, world, security_log, fmt):
    response = staff_client.get(reverse("interventions:report_export", args=[fmt]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert_recorded(security_log, f"export.{fmt}", username="alice", export="reports")


def test_the_kpi_export_is_recorded(staff_client, world, security_log):
    response = staff_client.get(reverse("analysis:kpi_export", args=["csv"]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert_recorded(security_log, "export.csv", username="alice", export="kpis")


def test_an_attachment_download_is_recorded(client, world, users, media, security_log):
    report = start_report(world, users["bob"])
    attachment = ReportAttachment(
        report=report, original_name="begroting.pdf", content_type="application/pdf", size=len(PDF_BYTES)
    )
    attachment.file.save("begroting.pdf", ContentFile(PDF_BYTES))
    client.force_login(users["bob"])
    response = client.get(reverse("interventions:attachment_download", args=[attachment.pk]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert_recorded(security_log, "download.attachment", username="bob", attachment=attachment.pk)


def test_a_refused_download_is_not_recorded_as_one(client, world, users, media, security_log):
    report = start_report(world, users["bob"])
    attachment = ReportAttachment.objects.create(
        report=report, file="reports/x.pdf", original_name="x.pdf", content_type="application/pdf", size=1
    )
    client.force_login(users["carol"])
    assert client.get(reverse("interventions:attachment_download", args=[attachment.pk])).status_code == 404
    assert not SecurityEvent.objects.filter(event__startswith="download").exists()


# Failures never break the caller ------------------------------------------------------


def test_a_failed_write_of_the_row_leaves_the_request_and_the_log_line(client, users, security_log):
    with mock.patch.object(SecurityEvent, "save", side_effect=DatabaseError("database is locked")):
        response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    assert not SecurityEvent.objects.exists()
    assert [line["event"] for line in security_lines(security_log)] == ["signin"]


def test_a_failed_write_of_the_row_leaves_the_callers_transaction_usable(users, rf, security_log):
    request = rf.get("/", REMOTE_ADDR=ADDRESS)
    request.user = users["alice"]
    with transaction.atomic():
        # A detail that is not JSON fails inside the save; only the event's own savepoint is rolled back.
        log_security_event("export.csv", request=request, broken=object())
        Group.objects.create(name="Na de fout")
    assert Group.objects.filter(name="Na de fout").exists()
    assert not SecurityEvent.objects.exists()
    assert len(security_lines(security_log)) == 1


# History --------------------------------------------------------------------------------


def test_a_deadline_change_is_in_the_reporting_periods_history(users):
    period = ReportingPeriodFactory(year=2024, half=1)
    period._history_user = users["alice"]
    period.deadline = datetime.date(2024, 9, 30)
    period.save()
    latest = period.history.latest()
    assert latest.history_user == users["alice"]
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("deadline", datetime.date(2024, 8, 31), datetime.date(2024, 9, 30))
    ]


def test_a_user_change_and_a_role_change_are_in_the_users_history(users):
    eve = users["eve"]
    eve.first_name = "Eva"
    eve.save()
    Group.objects.get(name="Gemeente").user_set.add(eve)  # from the group's side, too
    records = list(eve.history.order_by("history_id"))
    assert records[-2].first_name == "Eva"
    assert {g.group_id for g in records[-1].groups.all()} == {Group.objects.get(name="Gemeente").pk}
    assert "password" not in {f.name for f in eve.history.model._meta.fields}
    Group.objects.get(name="Gemeente").user_set.clear()
    assert list(eve.history.latest().groups.all()) == []


def test_a_group_change_is_in_the_groups_history(db):
    group = Group.objects.create(name="Tijdelijk")
    group.name = "Blijvend"
    group.save()
    assert [r.name for r in group.history.order_by("history_id")] == ["Tijdelijk", "Blijvend"]


# The staff's pages ------------------------------------------------------------------------


def _events():
    for event, username, address in [
        ("signin", "alice", "203.0.113.1"),
        ("signin.failed", "mallory", "198.51.100.7"),
        ("export.csv", "alice", "203.0.113.1"),
        ("export.xlsx", "bob", "192.0.2.4"),
        ("download.attachment", "bob", "192.0.2.4"),
    ]:
        SecurityEvent.objects.create(event=event, username=username, address=address)


def _shown(response) -> list[tuple[str, str]]:
    return [(e.event, e.username) for e in response.context["page_obj"]]


def test_staff_filter_the_security_log_by_kind_user_address_and_date(staff_client):
    SecurityEvent.objects.all().delete()  # alice's sign-in of the fixture
    _events()
    url = reverse("security_log")
    assert set(_shown(staff_client.get(url, {"event": "export"}))) == {("export.csv", "alice"), ("export.xlsx", "bob")}
    assert set(_shown(staff_client.get(url, {"user": "mall"}))) == {("signin.failed", "mallory")}
    assert set(_shown(staff_client.get(url, {"address": "192.0.2."}))) == {
        ("export.xlsx", "bob"),
        ("download.attachment", "bob"),
    }
    today = timezone.localdate()
    assert _shown(staff_client.get(url, {"until": (today - datetime.timedelta(days=1)).isoformat()})) == []
    assert len(_shown(staff_client.get(url, {"since": today.isoformat(), "event": "signin"}))) == 2
    response = staff_client.get(url, {"since": "gisteren"})
    assert response.status_code == 400


def test_staff_filter_the_change_history_by_kind_and_user(staff_client, users):
    period = ReportingPeriodFactory(year=2024, half=1)
    period._history_user = users["alice"]
    period.deadline = datetime.date(2024, 9, 15)
    period.save()
    url = reverse("change_log")
    changes = staff_client.get(url, {"kind": "period"}).context["changes"]
    assert [c.subject for c in changes] == ["2024-H1", "2024-H1"]
    assert changes[0].entry.who == "alice"
    assert [(f.label, f.new) for f in changes[0].entry.changes] == [("Uiterste inleverdatum", "15 september 2024")]
    # bob's account and his membership of Rotterdam, made when the users were made.
    about_bob = staff_client.get(url, {"user": "bob"}).context["changes"]
    assert {c.kind for c in about_bob} == {"user", "membership"}
    assert any(c.subject == "bob – Rotterdam" for c in about_bob)


@pytest.mark.parametrize("name", ["security_log", "change_log"])
def test_others_are_refused(client, users, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    for username in ("bob", "dave", "eve"):
        client.force_login(users[username])
        assert client.get(url).status_code == 403


# Query counts --------------------------------------------------------------------------------


def test_the_security_log_does_not_query_per_row(staff_client, django_assert_num_queries):
    _events()
    # session, user, role, the header's programme, event names, count, page
    with django_assert_num_queries(8):
        assert staff_client.get(reverse("security_log")).status_code == 200
    _events()
    with django_assert_num_queries(8):
        assert staff_client.get(reverse("security_log"), {"event": "export"}).status_code == 200


def test_the_change_history_does_not_query_per_row(staff_client, users, django_assert_num_queries):
    period = ReportingPeriodFactory(year=2024, half=1)
    group = Group.objects.create(name="Groep")
    membership = Membership.objects.get(user=users["bob"])

    def change_each_kind():
        period.deadline += datetime.timedelta(days=1)
        period.save()
        group.name += "+"
        group.save()
        membership.role = "contact" if membership.role == "contributor" else "contributor"
        membership.save()
        if users["eve"].groups.exists():
            users["eve"].groups.clear()
        else:
            users["eve"].groups.add(group)

    change_each_kind()
    # session, user, role, the header's programme and unread notifications, count, page; per kind its records
    # and the records before them; the users' groups then and now, and the names of those groups.
    expected = 7 + 2 * 4 + 1 + 1
    with django_assert_num_queries(expected):
        assert staff_client.get(reverse("change_log")).status_code == 200
    change_each_kind()
    change_each_kind()
    with django_assert_num_queries(expected):
        response = staff_client.get(reverse("change_log"))
    assert {c.kind for c in response.context["changes"]} == {"user", "group", "membership", "period"}


def test_an_address_that_is_not_an_ip_is_kept_in_the_line_only(users, rf, security_log):
    request = rf.get("/", REMOTE_ADDR="unix:/run/gunicorn.sock")
    request.user = users["alice"]
    log_security_event("export.csv", request=request)
    assert SecurityEvent.objects.get(event="export.csv").address is None
    assert security_lines(security_log)[0]["address"] == "unix:/run/gunicorn.sock"
