"""What every register page shares: the breadcrumb, the list, the detail page, the form and the "saved" message.

The register of interventions, municipalities, grants, organisations, partnerships and
evaluations is kept by programme staff in several apps; these helpers give all of its
pages one shape. The register's index is the top-level route ``register``.
"""

from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from core.history import change_history

PAGE_SIZE = 25


class RegisterObject(Protocol):
    """A register object: a model instance with a page of its own."""

    def get_absolute_url(self) -> str: ...


def register_crumb() -> tuple:
    return (_("Register"), reverse("register"))


def render_register_list(
    request: HttpRequest,
    *,
    filterset,
    template: str,
    title,
    crumbs: list | None = None,
    root: tuple | None = None,
    **context,
) -> HttpResponse:
    """A filtered, paginated register list; the filters come from the query string.

    ``root`` is the first breadcrumb, the register's index unless a page belongs elsewhere.
    """
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page,
            "title": title,
            "breadcrumbs": [root or register_crumb(), *(crumbs or []), (title, None)],
            "filtered": any(value not in (None, "") for key, value in request.GET.items() if key != "page"),
            **context,
        },
    )


def found_or_404(select: Callable[..., Any]) -> Callable[..., Any]:
    """A loader for the access gate from a register lookup such as ``Grant.objects.get``.

    The object, or a 404 when there is none; ``None`` on a "new" page, which has no lookup.
    """

    def load(request: HttpRequest, **lookup: Any) -> Any:
        if not lookup:
            return None
        try:
            return select(**lookup)
        except (ObjectDoesNotExist, ValueError, OverflowError):
            raise Http404 from None

    return load


def render_register_detail(
    request: HttpRequest,
    instance: Model,
    *,
    template: str,
    section: tuple,
    title=None,
    root: tuple | None = None,
    **context,
) -> HttpResponse:
    """The page of one register object: its fields (the template's), its change history and breadcrumbs.

    ``section`` is the (label, url) of the register list the object belongs to.
    """
    return render(
        request,
        template,
        {
            "object": instance,
            "history": change_history(instance=instance),
            "breadcrumbs": [root or register_crumb(), section, (title or str(instance), None)],
            **context,
        },
    )


def register_form_page(
    request: HttpRequest,
    *,
    instance: RegisterObject | None,
    form,
    save: Callable[[Any], RegisterObject],
    section: tuple,
    edit_title,
    new_title,
    root: tuple | None = None,
) -> HttpResponse:
    """The form to add or change a register object: valid data is saved with ``save(form)`` and the
    browser goes to the object's page; otherwise the form is shown (again, with its errors)."""
    if request.method == "POST" and form.is_valid():
        return saved(request, save(form), created=instance is None)
    return render_register_form(
        request,
        form=form,
        object=instance,
        title=edit_title if instance else new_title,
        back_url=instance.get_absolute_url() if instance else section[1],
        crumbs=[section],
        root=root,
    )


def render_register_form(
    request: HttpRequest,
    *,
    form,
    title,
    back_url: str,
    crumbs: list,
    object=None,
    root: tuple | None = None,
    **context,
) -> HttpResponse:
    return render(
        request,
        "register/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "object": object,
            "breadcrumbs": [root or register_crumb(), *crumbs, (title, None)],
            **context,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def saved(request: HttpRequest, instance: RegisterObject, *, created: bool, url: str | None = None) -> HttpResponse:
    """Say what was saved, and go to the object's page (post/redirect/get)."""
    if created:
        text = _gettext("%(object)s is toegevoegd aan het register.") % {"object": instance}
    else:
        text = _gettext("De wijzigingen in %(object)s zijn opgeslagen.") % {"object": instance}
    messages.success(request, text)
    return redirect(url or instance.get_absolute_url())
