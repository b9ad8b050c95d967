import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from core.audit import log_security_event
from portal import errors, logs
from portal.second_factor import second_factor_outstanding

request_log = logging.getLogger("portal.request")
QUIET_PATHS = {"/healthz", "/readyz", "/metrics"}


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose English with the language switch.

    Django's own middleware follows the browser's Accept-Language; a Dutch
    government portal speaks Dutch first, whatever the browser prefers. The API
    does honour Accept-Language, as API clients expect.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestIdMiddleware:
    """Give every request an id: the caller's X-Request-ID when it is sane, else a new one.

    The id is returned in the X-Request-ID response header, put on every log line written
    while the request runs (``portal.logs``) and handed to the Celery tasks it queues.
    Each request is logged once, as a structured line with its status and duration.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = logs.acceptable_request_id(request.headers.get("X-Request-ID"))
        current = incoming or logs.new_request_id()
        token = logs.request_id.set(current)
        request.request_id = current
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            # Health probes come every few seconds; logging each would drown the rest.
            level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
            request_log.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            logs.request_id.reset(token)


class RequestBodyLimitMiddleware:
    """Refuse a request whose announced body is larger than REQUEST_BODY_MAX_BYTES, before reading any of it.

    Django reads an upload in full before a form can check its size; without this a huge
    POST (to any page, signed in or not) would be spooled to disk first. The proxy in front
    should refuse it even earlier (see the README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return errors.body_too_large(request)
        return self.get_response(request)


class NulCharacterMiddleware:
    """Refuse a path or query with a NUL character (400): no real request has one, and PostgreSQL cannot
    compare such text, so a lookup with it would end in a server error instead of "not found"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            if errors.is_api(request):
                return JsonResponse({"detail": translation.gettext("Ongeldig teken in het verzoek.")}, status=400)
            return HttpResponseBadRequest(translation.gettext("Ongeldig teken in het verzoek."))
        return self.get_response(request)


LAST_ACTIVITY = "last_activity"
# The session is written back at most once a minute: saving it on every request would cost a
# database write per page. The idle limit is therefore exact to within this many seconds.
ACTIVITY_RESOLUTION_SECONDS = 60


class IdleSessionMiddleware:
    """End a session after SESSION_IDLE_MINUTES without a request.

    The cookie itself lives only as long as the browser (SESSION_EXPIRE_AT_BROWSER_CLOSE), and the
    stored session expires SESSION_COOKIE_AGE after its last save, which this middleware keeps
    recent while the user is active.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                log_security_event("signin.idle_timeout", request=request, idle_minutes=(now - last) // 60)
                logout(request)
            elif last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


def mark_session_active(request) -> None:
    """At sign-in: the idle clock starts now."""
    request.session[LAST_ACTIVITY] = int(time.time())


# Pages an account may use before it passed the second factor: that step itself, signing out,
# the language switch and the health probes.
SECOND_FACTOR_OPEN_PATHS = ("/accounts/tweede-factor/", "/accounts/logout/", "/i18n/", "/healthz", "/readyz")


class SecondFactorMiddleware:
    """Send a signed-in user who still owes the second factor to that step, from every page and the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(SECOND_FACTOR_OPEN_PATHS) and second_factor_outstanding(request):
            if request.path.startswith("/api/"):
                # An API client cannot follow a page; it gets an error it can read.
                return JsonResponse(
                    {"detail": translation.gettext("De tweede stap van het inloggen ontbreekt.")}, status=403
                )
            return redirect_to_login(request.get_full_path(), reverse("second_factor"))
        return self.get_response(request)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response made for one visitor.

    A response is for one visitor when the request was signed in (by session or, on the API, by
    token: DRF sets the user on the request it wraps) or when it sets the session cookie. Pages, API
    JSON, exports and PDFs a signed-in user fetches then stay out of shared caches and off the disk
    of the browser; pages for anonymous visitors keep whatever caching their view gives them. (The
    CSRF cookie does not count: Django sends it again with every page that has a form, and every
    page has the language switch; CsrfViewMiddleware adds ``Vary: Cookie`` to those.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or settings.SESSION_COOKIE_NAME in response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response
