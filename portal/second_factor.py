"""The second factor: who must use one, whether a session has passed it, and the devices behind it.

A user signs in with a password first (``/accounts/login/``). Staff and superusers then enter a
code from an authenticator app (TOTP) or one of their recovery codes; everyone else may choose to
do the same. Until then ``SecondFactorMiddleware`` sends every page, the admin included, to that
step. A single sign-on whose identity provider did the second factor marks the session with
``SECOND_FACTOR_BY_IDP`` instead.
"""

from __future__ import annotations

import base64
import time

import segno
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import log_security_event
from core.roles import is_staff_member

# Set by the single sign-on when the identity provider did the second factor.
SECOND_FACTOR_BY_IDP = "second_factor_by_idp"
# Set at sign-in for a user who chose a second factor although the portal does not require one.
SECOND_FACTOR_CHOSEN = "second_factor_chosen"

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10


def must_use_second_factor(user: AbstractBaseUser) -> bool:
    """Staff, superusers and anyone who may use the admin cannot sign in without a second factor."""
    return bool(getattr(user, "is_superuser", False) or getattr(user, "is_staff", False) or is_staff_member(user))


def has_second_factor(user: AbstractBaseUser) -> bool:
    """The user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_passed(request: HttpRequest) -> bool:
    """The session passed a second factor: a code here, or the identity provider's."""
    if request.session.get(SECOND_FACTOR_BY_IDP):
        return True
    return bool(getattr(request.user, "is_verified", lambda: False)())


def second_factor_outstanding(request: HttpRequest) -> bool:
    """A signed-in user who still has to pass the second factor before using any page."""
    user = request.user
    if not user.is_authenticated or second_factor_passed(request):
        return False
    return bool(request.session.get(SECOND_FACTOR_CHOSEN)) or must_use_second_factor(user)


def remember_choice_at_sign_in(request: HttpRequest, user: AbstractBaseUser) -> None:
    """At sign-in: a user who set up a second factor of their own accord is asked for it too."""
    if not must_use_second_factor(user) and has_second_factor(user):
        request.session[SECOND_FACTOR_CHOSEN] = True


def new_totp_device(user: AbstractBaseUser) -> TOTPDevice:
    """An unconfirmed authenticator for the user to scan; it counts only once a code from it is entered."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (made here: no external service sees the key)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def base32_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_totp_device(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from it: it replaces any earlier one, the session counts as verified,
    and fresh recovery codes are returned (to be shown once). None when the code is wrong."""
    if not device.verify_token(token):
        return None
    user = request.user
    for old in TOTPDevice.objects.filter(user=user).exclude(pk=device.pk):
        old.delete()
        log_security_event("second_factor.device_removed", request=request, device="totp", replaced=True)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log_security_event("second_factor.device_added", request=request, device="totp")
    codes = new_recovery_codes(request=request)
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_CHOSEN, None)
    return codes


@transaction.atomic
def new_recovery_codes(*, request: HttpRequest) -> list[str]:
    """Replace the user's recovery codes with new ones; each code works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=request.user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    log_security_event("second_factor.recovery_codes_created", request=request, count=len(codes))
    return codes


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_second_factor(*, request: HttpRequest, code: str) -> bool:
    """Check a code from the authenticator app or a recovery code; a recovery code is used up."""
    code = "".join(code.split())
    device = match_token(request.user, code)
    if device is None:
        log_security_event("second_factor.failed", request=request)
        return False
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_CHOSEN, None)
    if isinstance(device, StaticDevice):
        log_security_event("second_factor.recovery_code_used", request=request, codes_left=device.token_set.count())
    else:
        log_security_event("second_factor.passed", request=request)
    return True


@transaction.atomic
def remove_second_factor(*, request: HttpRequest) -> None:
    """Remove the user's authenticator and recovery codes (only for users who need none)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log_security_event("second_factor.device_removed", request=request, device="totp")


def current_code(device: TOTPDevice) -> str:
    """The code the authenticator app shows now, or the next one when this one was already used.

    For the demo (``manage.py demo_code``) and for tests; a code is accepted once, within one step
    either side of now.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        totp.time += (device.last_t - totp.t() + 1) * device.step
    return f"{totp.token():0{device.digits}d}"
