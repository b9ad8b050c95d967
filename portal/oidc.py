"""Single sign-on through OpenID Connect (mozilla-django-oidc); off unless OIDC_ENABLED is set.

The provider says who someone is; its claims say what they may do here. Each sign-in creates or
updates the account from the claims: the role from the claim OIDC_CLAIM_ROLE (its values mapped by
OIDC_ROLE_STAFF, OIDC_ROLE_MUNICIPALITY and OIDC_ROLE_BOARD) and, for a municipality user, the
municipality from the CBS code in OIDC_CLAIM_MUNICIPALITY. Claims that give no role, or a
municipality role without a municipality the portal knows, are refused with a message; no account
is then made or changed.

The provider's endpoints come from the settings or, when only OIDC_DISCOVERY_URL is given, from its
discovery document, fetched when first needed: never at start-up, so a provider that is away stops
neither the portal nor password sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core import roles
from core.audit import log_security_event
from municipalities.models import Membership, Municipality

# The provider has checked the second factor (the portal's own second factor accepts this).
SECOND_FACTOR_BY_IDP = "second_factor_by_idp"

# Settings that name an endpoint, and the key of each in the provider's discovery document.
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_CACHE_SECONDS = 3600

# Why a sign-in through the provider did not succeed; the key is what the security log records.
_REFUSALS = {
    "no_role": lambda: _(
        "U bent aangemeld bij %(provider)s, maar uw account heeft geen rol in dit portaal. "
        "Vraag het programmateam om u toegang te geven."
    ),
    "no_municipality": lambda: _(
        "U bent aangemeld bij %(provider)s als medewerker van een gemeente, maar %(provider)s noemt geen gemeente "
        "die het portaal kent. Vraag het programmateam om dit na te kijken."
    ),
    "inactive": lambda: _("Uw account in dit portaal is uitgeschakeld. Neem contact op met het programmateam."),
    "provider_unavailable": lambda: _(
        "%(provider)s is nu niet bereikbaar. Probeer het later opnieuw, of log in met uw gebruikersnaam en wachtwoord."
    ),
    "failed": lambda: _(
        "Inloggen via %(provider)s is niet gelukt. Probeer het opnieuw, of log in met uw gebruikersnaam en wachtwoord."
    ),
}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def provider_endpoint(setting: str) -> str:
    """The endpoint the setting names, or else the one in the provider's discovery document."""
    configured = getattr(settings, setting, "")
    if configured:
        return configured
    url = settings.OIDC_DISCOVERY_URL
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(f"discovery document {url}: {exc}") from exc
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    if not isinstance(document, dict) or not document.get(_DISCOVERED[setting]):
        raise ProviderUnavailable(f"discovery document {url} has no {_DISCOVERED[setting]}")
    return str(document[_DISCOVERED[setting]])


@dataclass(frozen=True)
class Placement:
    """Where the claims put someone: a role group and, for a municipality user, their municipality."""

    role: str
    municipality: Municipality | None = None


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _claim_values(value: Any) -> set[str]:
    items = value if isinstance(value, list | tuple) else [value]
    return {str(item).strip().casefold() for item in items if item is not None and str(item).strip()}


def placement_from_claims(claims: dict[str, Any]) -> Placement:
    """The role and municipality the claims give; raises Refused when they give no role or no known municipality."""
    given = _claim_values(claims.get(settings.OIDC_CLAIM_ROLE))
    mapped = {
        roles.STAFF: settings.OIDC_ROLE_STAFF,
        roles.MUNICIPALITY: settings.OIDC_ROLE_MUNICIPALITY,
        roles.BOARD: settings.OIDC_ROLE_BOARD,
    }
    # The strongest role wins, as in core.roles.role_of.
    role = next((role for role, values in mapped.items() if given & _claim_values(values)), None)
    if role is None:
        raise Refused("no_role")
    if role != roles.MUNICIPALITY:
        return Placement(role)
    code = str(claims.get(settings.OIDC_CLAIM_MUNICIPALITY) or "").strip().upper()
    municipality = Municipality.objects.filter(cbs_code=code).first() if code else None
    if municipality is None:
        raise Refused("no_municipality")
    return Placement(role, municipality)


@transaction.atomic
def account_from_claims(*, username: str, claims: dict[str, Any], placement: Placement) -> User:
    """Create or update the account of `username` from the claims: name, e-mail, role group and municipality."""
    user, created = User.objects.get_or_create(username=username)
    if created:
        # Signs in through the provider only, until someone sets a password.
        user.set_unusable_password()
    user.email = str(claims.get("email") or user.email)[:254]
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.save()
    role_groups = Group.objects.filter(name__in=(roles.STAFF, roles.MUNICIPALITY, roles.BOARD))
    user.groups.remove(*role_groups.exclude(name=placement.role))
    user.groups.add(role_groups.get(name=placement.role))
    # The claims decide the municipality too: a changed code moves the user, no code (another role) unties them.
    current = Membership.objects.filter(user=user, municipality__isnull=False)
    if placement.municipality is None or not current.filter(municipality=placement.municipality).exists():
        for membership in current:
            membership.delete()  # one by one, so the history records each
        if placement.municipality is not None:
            Membership.objects.create(user=user, municipality=placement.municipality)
    return user


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Signs in through the provider, with accounts made and mapped from its claims."""

    def authenticate(self, request, **kwargs):
        # Only the callback view signs in through the provider (it passes the nonce): a password form that
        # happens to carry ?code=&state= never reaches the provider.
        if request is None or "nonce" not in kwargs:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = provider_endpoint("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = provider_endpoint("OIDC_OP_USER_ENDPOINT")
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")):
            self.OIDC_OP_JWKS_ENDPOINT = provider_endpoint("OIDC_OP_JWKS_ENDPOINT")
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # mozilla-django-oidc returns deactivated users too; Django's backends sign them out.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            # An ID token meant for another client of the same provider is not ours to accept.
            audience = payload.get("aud")
            if settings.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
                raise SuspiciousOperation("The ID token was issued for another client")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        username = str(claims.get(settings.OIDC_CLAIM_USERNAME) or "").strip()
        if not username or len(username) > 150:
            raise SuspiciousOperation(f"The claim {settings.OIDC_CLAIM_USERNAME} is missing or too long")
        self.request.oidc_username = username
        try:
            placement = placement_from_claims(claims)
        except Refused as refusal:
            self.request.oidc_refusal = refusal.reason
            return None
        return account_from_claims(username=username, claims=claims, placement=placement)


def _refuse(request: HttpRequest, reason: str, **details: Any) -> HttpResponse:
    log_security_event(
        "signin.oidc_refused",
        request=request,
        username=getattr(request, "oidc_username", None),
        reason=reason,
        **details,
    )
    messages.error(request, _REFUSALS[reason]() % {"provider": settings.OIDC_PROVIDER_NAME})
    return redirect("login")


class AuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's sign-in page, with state, nonce and PKCE kept in the session."""

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as exc:
            return _refuse(request, "provider_unavailable", error=str(exc))
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signs in, or says why not."""

    def get(self, request):
        try:
            return super().get(request)
        except ProviderUnavailable as exc:
            return _refuse(request, "provider_unavailable", error=str(exc))
        except requests.HTTPError as exc:
            # The provider answered, and refused (an expired or reused code, a wrong client secret).
            return _refuse(request, "failed", error=str(exc))
        except requests.RequestException as exc:
            return _refuse(request, "provider_unavailable", error=f"{type(exc).__name__}: {exc}")
        except (SuspiciousOperation, jwt.PyJWTError) as exc:
            return _refuse(request, "failed", error=f"{type(exc).__name__}: {exc}")

    def login_success(self):
        # One sign-in, one event: this one, with the role and the provider, not also the plain "signin".
        self.request.signin_event_by_caller = True
        response = super().login_success()
        self.request.session[SECOND_FACTOR_BY_IDP] = True
        log_security_event(
            "signin.oidc",
            request=self.request,
            user=self.user,
            role=roles.role_of(self.user) or "",
            provider=settings.OIDC_PROVIDER_NAME,
        )
        return response

    def login_failure(self):
        reason = getattr(self.request, "oidc_refusal", None)
        if reason is None:
            user = getattr(self, "user", None)
            reason = "inactive" if user is not None and not user.is_active else "failed"
        details = {"error": self.request.GET["error"]} if "error" in self.request.GET else {}
        return _refuse(self.request, reason, **details)


def sign_in_options(request: HttpRequest) -> dict[str, Any]:
    """The sign-in page's button for the provider, when single sign-on is on."""
    return {"oidc_provider_name": settings.OIDC_PROVIDER_NAME} if settings.OIDC_ENABLED else {}
