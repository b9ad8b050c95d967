"""Who may read the API schema and its viewer (Swagger UI).

Signed-in users (by session or token), unless ``API_DOCS_PUBLIC`` opens them to anyone. The
setting is read on each request, so the views' permission classes, fixed when drf-spectacular
is imported, still follow it.
"""

from collections.abc import Callable

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
