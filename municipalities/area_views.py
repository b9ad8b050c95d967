"""Area-based working: the areas a municipality focuses on.

The plan leaves the delimitation of the areas to the participating municipalities. A municipality
records its own areas (a name, and the CBS neighbourhoods or districts where they apply) next to the
NPLV focus areas, which are reference data. Staff keep the areas of every municipality. A grant and
the lines of a report refer to them.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import roles
from core.access import READ_WRITE, gate, visible_or_404
from core.history import change_history
from municipalities import selectors, services
from municipalities.forms import FocusAreaForm
from municipalities.models import FocusArea, Municipality
from municipalities.permissions import can_keep_focus_areas

PAGE_SIZE = 50
AREAS = _("Gebieden")


def _own_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality of a municipality user; None for staff, who choose one."""
    if roles.is_municipality_user(request.user):
        return selectors.municipality_for_user(user=request.user)
    return None


def _crumbs(request: HttpRequest, *last: tuple) -> list:
    start = (
        [(_("Mijn gemeente"), reverse("interventions:workspace"))]
        if roles.is_municipality_user(request.user)
        else [(_("Register"), reverse("register"))]
    )
    return [*start, *last]


@gate(can_keep_focus_areas)
def focus_area_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("municipality", "")
    chosen = (
        Municipality.objects.filter(cbs_code=code).first() if code and roles.is_staff_member(request.user) else None
    )
    areas = selectors.focus_area_list(user=request.user, municipality=chosen)
    return render(
        request,
        "municipalities/areas/list.html",
        {
            "page_obj": Paginator(areas, PAGE_SIZE).get_page(request.GET.get("page")),
            "chosen": chosen,
            "municipality": _own_municipality(request),
            "breadcrumbs": _crumbs(request, (AREAS, None)),
        },
    )


@gate(can_keep_focus_areas, methods=READ_WRITE)
def focus_area_create(request: HttpRequest) -> HttpResponse:
    own = _own_municipality(request)
    if own is None and roles.is_municipality_user(request.user):
        return redirect("interventions:workspace")
    form = FocusAreaForm(request.POST if request.method == "POST" else None, municipality=own)
    return _form_page(request, form=form, area=None)


def _editable_area(request: HttpRequest, pk: int) -> FocusArea:
    return visible_or_404(selectors.editable_focus_areas(user=request.user), pk=pk)


@gate(can_keep_focus_areas, methods=READ_WRITE, load=_editable_area)
def focus_area_edit(request: HttpRequest, area: FocusArea) -> HttpResponse:
    form = FocusAreaForm(
        request.POST if request.method == "POST" else None, instance=area, municipality=area.municipality
    )
    return _form_page(request, form=form, area=area)


def _form_page(request: HttpRequest, *, form: FocusAreaForm, area: FocusArea | None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        saved = services.focus_area_save(area=form.save(commit=False), by=request.user)
        messages.success(request, gettext("Gebied %(area)s is opgeslagen.") % {"area": saved})
        return redirect("municipalities:focus_area_list")
    title = gettext("Gebied wijzigen") if area else gettext("Nieuw gebied")
    return render(
        request,
        "municipalities/areas/form.html",
        {
            "form": form,
            "object": area,
            "title": title,
            "history": change_history(instance=area) if area else [],
            "breadcrumbs": _crumbs(request, (AREAS, reverse("municipalities:focus_area_list")), (title, None)),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
