"""Error answers: JSON on the API, whatever went wrong; the portal's own pages elsewhere.

An API client gets ``{"detail": ...}`` for every error, a server error and a path
that does not exist included, never an HTML page it cannot parse.
"""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("portal.errors")

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_exception_handler(exc, context) -> Response:
    """DRF's answer for the errors it knows; for any other, a logged JSON 500 instead of an HTML page."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    request = context.get("request")
    logger.error(
        "Unhandled error in %s %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return Response(
        {"detail": gettext("Er ging iets mis aan de kant van de server. Probeer het later opnieuw.")},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": gettext("Niet gevonden.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"detail": gettext("Er ging iets mis aan de kant van de server. Probeer het later opnieuw.")}, status=500
        )
    return defaults.server_error(request)


def body_too_large(request: HttpRequest) -> HttpResponse:
    """413 before the body is read: JSON on the API, a short page elsewhere, in the visitor's language."""
    supported = {code for code, _name in settings.LANGUAGES}
    if is_api(request):
        language = translation.get_language_from_request(request)
    else:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
    with translation.override(language):
        message = gettext(
            "Het verzoek is te groot: hoogstens %(megabytes)s MB per keer. Een bijlage mag hoogstens %(attachment)s "
            "MB zijn."
        ) % {
            "megabytes": settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024),
            "attachment": settings.REPORT_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        }
    if is_api(request):
        response: HttpResponse = JsonResponse({"detail": message}, status=413)
    else:
        response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    response["Content-Language"] = language
    # The body was not read: the connection cannot be reused for another request.
    response["Connection"] = "close"
    return response
