"""Who may read the API schema and its viewers (Swagger UI, Redoc).

Signed-in users (by session or token), unless ``API_DOCS_PUBLIC`` opens them to anyone. The
setting is read on each request, so the views' permission classes, fixed when drf-spectacular
is imported, still follow it.
"""

from collections.abc import Callable

from csp.constants import SELF
from csp.decorators import csp_update
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import BasePermission


class ApiDocsPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        return settings.API_DOCS_PUBLIC or bool(request.user and request.user.is_authenticated)


def docs_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A viewer page sends an anonymous visitor to the login page, as every other page does."""

    def gated(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.API_DOCS_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return gated


# Redoc (drf-spectacular-sidecar, pinned) gives the request's nonce to the styles it adds, but not to two
# <style> elements made as its script loads: the scrollbar's CSS and an empty one. Their hashes let exactly
# those in. Its search runs in a worker made from a blob: URL. A new sidecar version may change the
# hashes; tests/browser/test_content_security_policy.py then fails and the console names the new ones.
REDOC_POLICY = {
    "style-src": [
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ],
    "worker-src": [SELF, "blob:"],
}
redoc_policy = csp_update(REDOC_POLICY)
