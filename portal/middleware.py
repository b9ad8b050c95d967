import logging
import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from portal import logs

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
