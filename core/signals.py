"""Sign-ins, failed sign-ins and sign-outs, written to the security log (core.audit)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from core.audit import log_security_event

# Django saves the whole user to record the last sign-in, which would add a row to the user's
# history at every sign-in. The security log has the sign-in; the time is set without a save.
user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")


@receiver(user_logged_in, dispatch_uid="core.signed_in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    now = timezone.now()
    get_user_model()._default_manager.filter(pk=user.pk).update(last_login=now)
    user.last_login = now
    if getattr(request, "signin_event_by_caller", False):
        return  # the sign-in's own view logs a richer event (single sign-on: role and provider)
    log_security_event("signin", request=request, user=user, backend=getattr(user, "backend", None) or "")


@receiver(user_login_failed, dispatch_uid="core.sign_in_failed")
def sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # `credentials` has the password masked already; only the name tried is kept.
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""
    log_security_event("signin.failed", request=request, user=None, username=str(username)[:150])


@receiver(user_logged_out, dispatch_uid="core.signed_out")
def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_security_event("signout", request=request, user=user)
