"""The security log: one line per event that matters for security, with who, when and from where.

Every part of the portal that signs someone in or out, locks an account, changes a second factor,
creates or revokes a token, exports data or hands out a file reports it here, and only here:

    log_security_event("token.created", request=request, user=request.user, token="laptop")

The line goes to the ``veerkracht.security`` logger, which writes JSON lines in production
(``LOG_FORMAT=json``), and the same event is kept as a ``SecurityEvent`` row, which staff read in
the portal. The event name is a dotted word (``signin.failed``, ``export.csv``); the details are
plain values. Secrets (passwords, token keys, codes) are never passed in.

Writing the row never breaks the caller: inside a transaction it is written in a savepoint of its
own, so a failed insert is rolled back alone, and any database error is logged, not raised. The row
shares the fate of the caller's transaction; the log line is written whatever happens.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from django.db import connection, transaction

security_logger = logging.getLogger("veerkracht.security")
logger = logging.getLogger(__name__)


def client_address(request: Any) -> str | None:
    """The address the request came from, as the server saw it (a proxy sets REMOTE_ADDR correctly)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_security_event(event: str, *, request: Any = None, user: Any = None, **details: Any) -> None:
    """Write one security event: the event, the user (by id and name), the address and the details."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    fields = {
        "event": event,
        "user_id": user.pk if signed_in else None,
        "username": user.get_username() if signed_in else details.pop("username", None),
        "address": client_address(request),
        "details": details,
    }
    security_logger.info(event, extra=fields)
    _store(fields)


def _ip_or_none(address: str | None) -> str | None:
    # A unix socket or a misconfigured proxy gives something else; the log line keeps it as it came.
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def _store(fields: dict[str, Any]) -> None:
    from core.models import SecurityEvent

    row = SecurityEvent(
        event=fields["event"][:64],
        user_id=fields["user_id"],
        username=(fields["username"] or "")[:150],
        address=_ip_or_none(fields["address"]),
        details=fields["details"],
    )
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                row.save(force_insert=True)
        else:
            row.save(force_insert=True)  # autocommit: one statement, nothing to roll back
    except Exception:
        # A broken transaction, a missing table, a detail that is not JSON: whatever it is, the caller's
        # request goes on and the event is still in the log line written above.
        logger.exception("security event %s not stored", fields["event"])
