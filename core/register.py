"""What every register page shares: the breadcrumb, the filtered list, the form and the "saved" message.

The register of interventions, municipalities, grants, organisations, partnerships and
evaluations is kept by programme staff in several apps; these helpers give all of its
pages one shape. The register's index is the top-level route ``register``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 25


def register_crumb() -> tuple:
    return (_("Register"), reverse("register"))


def render_register_list(
    request: HttpRequest, *, filterset, template: str, title, crumbs: list | None = None, **context
) -> HttpResponse:
    """A filtered, paginated register list; the filters come from the query string."""
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page,
            "title": title,
            "breadcrumbs": [register_crumb(), *(crumbs or []), (title, None)],
            "filtered": any(value not in (None, "") for key, value in request.GET.items() if key != "page"),
            **context,
        },
    )


def render_register_form(
    request: HttpRequest, *, form, title, back_url: str, crumbs: list, object=None, **context
) -> HttpResponse:
    return render(
        request,
        "register/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "object": object,
            "breadcrumbs": [register_crumb(), *crumbs, (title, None)],
            **context,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def saved(request: HttpRequest, instance: Model, *, created: bool, url: str) -> HttpResponse:
    """Say what was saved, and go to the object's page (post/redirect/get)."""
    if created:
        text = _gettext("%(object)s is toegevoegd aan het register.") % {"object": instance}
    else:
        text = _gettext("De wijzigingen in %(object)s zijn opgeslagen.") % {"object": instance}
    messages.success(request, text)
    return redirect(url)
