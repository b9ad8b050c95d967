from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core import outbox, roles
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
    if role == roles.STAFF:
        # Mail and jobs kept while the broker was away: staff should know they are late.
        context["outbox_waiting"] = outbox.waiting()
    if role == roles.MUNICIPALITY:
        from municipalities.selectors import municipality_for_user

        context["municipality"] = municipality_for_user(user=request.user)
    return render(request, template, context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")
