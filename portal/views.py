from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from rest_framework.exceptions import NotFound

from core import roles
from portal import navigation


def home(request: HttpRequest) -> HttpResponse:
    """One home page per role, each listing the sections that role works in."""
    role = roles.role_of(request.user)
    template = {
        roles.STAFF: "home/staff.html",
        roles.MUNICIPALITY: "home/municipality.html",
        roles.BOARD: "home/board.html",
    }.get(role, "home/public.html")
    context = {"sections": [item for item in navigation.nav_items(request) if item.url != "/"]}
    if role == roles.MUNICIPALITY:
        from municipalities.selectors import municipality_for_user

        context["municipality"] = municipality_for_user(user=request.user)
    return render(request, template, context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 page; under /api/ the answer DRF gives, JSON with a `detail`, as the API's schema documents."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
