import json
import logging

from core.audit import log_security_event
from portal.logs import JsonFormatter


def test_a_security_event_is_one_json_line_with_who_and_from_where(rf, users, caplog):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    request.user = users["alice"]
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        log_security_event("token.revoked", request=request, token="laptop")
    (record,) = [r for r in caplog.records if r.name == "veerkracht.security"]
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "token.revoked"
    assert line["user_id"] == users["alice"].pk
    assert line["username"] == users["alice"].username
    assert line["address"] == "203.0.113.7"
    assert line["details"] == {"token": "laptop"}


def test_an_anonymous_event_names_the_username_tried(rf, caplog):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/accounts/login/", REMOTE_ADDR="198.51.100.1")
    request.user = AnonymousUser()
    with caplog.at_level(logging.INFO, logger="veerkracht.security"):
        log_security_event("signin.failed", request=request, username="someone")
    (record,) = [r for r in caplog.records if r.name == "veerkracht.security"]
    assert record.user_id is None and record.username == "someone" and record.details == {}
