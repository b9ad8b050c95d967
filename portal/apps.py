from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_role_groups(sender, **kwargs) -> None:
    from core.roles import ensure_role_groups

    ensure_role_groups()


def _start_session(sender, request, user, **kwargs) -> None:
    from portal.middleware import mark_session_active
    from portal.second_factor import remember_choice_at_sign_in

    if request is not None and hasattr(request, "session"):
        mark_session_active(request)
        remember_choice_at_sign_in(request, user)


def _log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    from core.audit import log_security_event

    # django-axes sends this signal when an account gets locked, and again for every attempt refused while
    # it is; only the first request counted the failures.
    locked_now = getattr(request, "axes_failures_since_start", None) is not None
    log_security_event(
        "signin.locked_out" if locked_now else "signin.refused_locked",
        request=request,
        username=username,
    )


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        # After the last app's migrations, so every permission exists.
        post_migrate.connect(_create_role_groups, sender=self, dispatch_uid="portal_role_groups")
        user_logged_in.connect(_start_session, dispatch_uid="portal_start_session")
        user_locked_out.connect(_log_lockout, dispatch_uid="portal_log_lockout")
