"""The security log: one line per event that matters for security, with who, when and from where.

Every part of the portal that signs someone in or out, locks an account, changes a second factor,
creates or revokes a token, exports data or hands out a file reports it here, and only here:

    log_security_event("token.created", request=request, user=request.user, token="laptop")

The line goes to the ``veerkracht.security`` logger, which writes JSON lines in production
(``LOG_FORMAT=json``). The event name is a dotted word (``signin.failed``, ``export.csv``); the
details are plain values. Secrets (passwords, token keys, codes) are never passed in.
"""

from __future__ import annotations

import logging
from typing import Any

security_logger = logging.getLogger("veerkracht.security")


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
    security_logger.info(
        event,
        extra={
            "event": event,
            "user_id": user.pk if signed_in else None,
            "username": user.get_username() if signed_in else details.pop("username", None),
            "address": client_address(request),
            "details": details,
        },
    )
