import logging
import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from portal import errors, logs

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
