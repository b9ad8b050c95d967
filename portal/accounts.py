"""Pages of the account: the second factor, its recovery codes, the lockout page, and staff's unlock."""

from __future__ import annotations

from urllib.parse import quote

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.access import READ_WRITE, gate, submitted
from core.audit import log_security_event
from core.roles import is_staff_member
from portal import navigation, second_factor
from portal.forms import RecoveryCodeForm, SecondFactorForm


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: the page asked for, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return settings.LOGIN_REDIRECT_URL


class SignInView(LoginView):
    """Signing in; without a page asked for (``next``), the role's own workspace is where it lands."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return navigation.landing_url(self.request.user)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes answers a locked username and address: the sign-in page with a clear message."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_out": True, "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES, "next": ""}
    return render(request, "registration/login.html", context, status=429)


@never_cache
@sensitive_post_parameters("code")
@gate(methods=READ_WRITE)
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The step after the password: a code from the authenticator app, or a recovery code."""
    next_url = _next_url(request)
    if second_factor.second_factor_passed(request):
        return HttpResponseRedirect(next_url)
    if not second_factor.has_second_factor(request.user):
        if not second_factor.must_use_second_factor(request.user):
            # Their authenticator was removed since they signed in: nothing is left to ask for.
            request.session.pop(second_factor.SECOND_FACTOR_CHOSEN, None)
            return HttpResponseRedirect(next_url)
        return redirect(f"{_url('second_factor_setup')}?next={_quoted(next_url)}")
    recovery = request.GET.get("herstelcode") == "1" or request.POST.get("recovery") == "1"
    form_class = RecoveryCodeForm if recovery else SecondFactorForm
    form = form_class(submitted(request))
    if form.is_valid():
        if second_factor.verify_second_factor(request=request, code=form.cleaned_data["code"]):
            return HttpResponseRedirect(next_url)
        form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw met de code die de app nu toont."))
    return render(request, "registration/second_factor.html", {"form": form, "next": next_url, "recovery": recovery})


@never_cache
@sensitive_post_parameters("code")
@gate(methods=READ_WRITE)
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code, enter a code from it, and get recovery codes."""
    next_url = _next_url(request)
    # Someone with a password alone may not swap in an authenticator of their own.
    if second_factor.has_second_factor(request.user) and not second_factor.second_factor_passed(request):
        return redirect(f"{_url('second_factor')}?next={_quoted(next_url)}")
    device = second_factor.new_totp_device(request.user)
    form = SecondFactorForm(submitted(request))
    if form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        codes = second_factor.confirm_totp_device(request=request, device=device, token=code)
        if codes is not None:
            return render(request, "registration/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", _("Deze code klopt niet. Controleer of de tijd op uw telefoon juist staat."))
    context = {
        "form": form,
        "next": next_url,
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.base32_key(device),
        "required": second_factor.must_use_second_factor(request.user),
    }
    return render(request, "registration/second_factor_setup.html", context)


@never_cache
@gate(methods=READ_WRITE)
def account_security(request: HttpRequest) -> HttpResponse:
    """The user's own sign-in settings: password, second factor and recovery codes."""
    user = request.user
    required = second_factor.must_use_second_factor(user)
    has_device = second_factor.has_second_factor(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery_codes" and has_device:
            codes = second_factor.new_recovery_codes(request=request)
            return render(request, "registration/recovery_codes.html", {"codes": codes, "next": _url("account")})
        if action == "remove" and has_device and not required:
            second_factor.remove_second_factor(request=request)
            messages.success(request, _("De tweede stap is uitgezet."))
            return redirect("account")
        messages.error(request, _("Dat kan hier niet."))
        return redirect("account")
    context = {
        "required": required,
        "has_device": has_device,
        "codes_left": second_factor.recovery_codes_left(user) if has_device else 0,
        "can_unlock": is_staff_member(user),
    }
    return render(request, "registration/account.html", context)


def _locked_attempts():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


@never_cache
@gate(is_staff_member)
def lockout_list(request: HttpRequest) -> HttpResponse:
    """Staff: the usernames and addresses locked out after too many wrong passwords."""
    return render(
        request,
        "registration/lockouts.html",
        {"attempts": _locked_attempts(), "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES},
    )


@gate(is_staff_member, methods=("POST",))
def lockout_release(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: unlock one username and address; the unlock goes to the security log."""
    attempt = get_object_or_404(_locked_attempts(), pk=pk)
    log_security_event(
        "signin.unlocked",
        request=request,
        locked_username=attempt.username,
        locked_address=attempt.ip_address,
        failures=attempt.failures_since_start,
    )
    attempt.delete()
    messages.success(request, _("%(username)s kan weer inloggen.") % {"username": attempt.username})
    return redirect("lockouts")


def _url(name: str) -> str:
    return reverse(name)


def _quoted(url: str) -> str:
    return quote(url, safe="/")
