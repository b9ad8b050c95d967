"""API keys: making, revoking, listing and checking them.

A key belongs to one user and is made by that user only; the secret is shown once, when it is
made, and only its SHA-512 hash is kept (django-rest-knox). A key expires after
``API_TOKEN_DAYS`` days and can be revoked; either way its record stays, with who made it and
from which address, and when it was last used.

Keys of the old kind (Django REST framework's plain-text tokens) were revoked when the portal moved
to hashed keys: see ``core/migrations/0002_revoke_plain_text_tokens.py``. Using one gets a 401
that says so and where to make a new key.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from core.audit import log_security_event
from core.models import ApiToken

# "Last used" is written at most once per this interval per key, not on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)

# The page where a municipality user manages their own keys.
OWN_TOKENS_URL_NAME = "interventions:my_api_tokens"


def token_create(*, by: AbstractBaseUser, name: str, address: str | None) -> tuple[ApiToken, str]:
    """A new key of `by`, named `name`; returns the record and the secret, which is kept nowhere."""
    token, secret = ApiToken.objects.create(
        user=by,
        expiry=datetime.timedelta(days=settings.API_TOKEN_DAYS),
        name=name,
        created_by=by,
        created_from=address,
    )
    return token, secret


def token_revoke(*, token: ApiToken, by: AbstractBaseUser) -> ApiToken:
    """Revoke a key at once; revoking a revoked key changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def tokens_of(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The keys of one user, newest first, revoked and expired ones included."""
    return ApiToken.objects.filter(user=user).defer("digest", "token_key").select_related("revoked_by")


def token_overview() -> QuerySet[ApiToken]:
    """Every key for the staff's overview: who has which key, never anything of the secret."""
    return (
        ApiToken.objects.defer("digest", "token_key")
        .select_related("user", "created_by", "revoked_by")
        .order_by("user__username", "-created")
    )


def own_tokens_path() -> str:
    try:
        return reverse(OWN_TOKENS_URL_NAME)
    except NoReverseMatch:  # pragma: no cover - the route is part of the portal
        return "/"


class ApiTokenAuthentication(TokenAuthentication):
    """knox's key check, keeping revoked and expired keys on record (knox deletes expired ones),
    recording when a key was last used, and explaining why a known key is refused."""

    def authenticate(self, request: Any) -> Any:
        self.request = request
        return super().authenticate(request)

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        return False  # refused in validate_user, never deleted

    def validate_user(self, auth_token: ApiToken) -> tuple[Any, ApiToken]:
        if auth_token.replaced:
            self._refuse(auth_token, "replaced")
            raise AuthenticationFailed(
                _(
                    "Deze sleutel is van het oude soort en werkt niet meer: sleutels worden nu versleuteld "
                    "bewaard. Maak zelf een nieuwe sleutel op %(url)s"
                )
                % {"url": settings.SITE_URL + own_tokens_path()},
                code="token_replaced",
            )
        if auth_token.revoked_at is not None:
            self._refuse(auth_token, "revoked")
            raise AuthenticationFailed(_("Deze sleutel is ingetrokken."), code="token_revoked")
        if auth_token.expired:
            self._refuse(auth_token, "expired")
            raise AuthenticationFailed(
                _("Deze sleutel is verlopen. Maak een nieuwe sleutel op %(url)s")
                % {"url": settings.SITE_URL + own_tokens_path()},
                code="token_expired",
            )
        user, token = super().validate_user(auth_token)
        _mark_used(token)
        return user, token

    def _refuse(self, token: ApiToken, reason: str) -> None:
        log_security_event(
            "token.rejected",
            request=getattr(self, "request", None),
            user=token.user,
            token=token.name,
            token_id=token.pk,
            reason=reason,
        )


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the API schema describes the key: ``Authorization: Token <key>``."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> Any:
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix=self.target.authenticate_header(None),
        )


def _mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
