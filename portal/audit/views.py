"""Staff pages of the audit trail: the security log and the change history."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import gate
from core.roles import is_staff_member
from portal.audit import selectors
from portal.audit.filters import ChangeFilterForm, SecurityEventFilter

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> bool:
    return any(value not in (None, "") for key, value in request.GET.items() if key != "page")


@gate(is_staff_member)
def security_log(request: HttpRequest) -> HttpResponse:
    """Sign-ins, failures, lockouts, second factors, tokens, exports and downloads: who, when, from where."""
    filterset = SecurityEventFilter(
        request.GET or None, queryset=selectors.security_event_list(), events=selectors.security_event_names()
    )
    valid = not filterset.is_bound or filterset.is_valid()
    page = Paginator(filterset.qs if valid else selectors.security_event_list().none(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "portal/audit/security_log.html",
        {
            "filter": filterset,
            "page_obj": page,
            "filtered": _filtered(request),
            "title": _("Beveiligingslog"),
            "breadcrumbs": [(_("Beveiligingslog"), None)],
        },
        status=200 if valid else 400,
    )


@gate(is_staff_member)
def change_log(request: HttpRequest) -> HttpResponse:
    """Who changed which account, role group, membership or reporting period, and what."""
    form = ChangeFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    rows = selectors.change_list(**form.choice())
    page = Paginator(rows if valid else rows.none(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/audit/change_log.html",
        {
            "form": form,
            "page_obj": page,
            "changes": selectors.changes_for(list(page.object_list)),
            "filtered": _filtered(request),
            "title": _("Wijzigingen"),
            "breadcrumbs": [(_("Beveiligingslog"), reverse("security_log")), (_("Wijzigingen"), None)],
        },
        status=200 if valid else 400,
    )
