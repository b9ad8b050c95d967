"""The programme's public pages, part of the online platform that shares interventions, knowledge
and expertise: its vision, definitions, action lines, guiding principles, protective factors,
phenomena and related programmes. Anyone reads them; programme staff edit the words on pages
of their own, each change kept in the history.
"""

from django.contrib import messages
from django.db.models import Model
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda import public_selectors, services
from agenda.forms.public import (
    ActionLineTextForm,
    GuidingPrincipleTextForm,
    PhenomenonTextForm,
    ProgrammeTextForm,
    ProtectiveFactorTextForm,
    RelatedProgrammeForm,
)
from agenda.models import ActionLine, GuidingPrinciple, Phenomenon, Programme, ProtectiveFactor, RelatedProgramme
from agenda.selectors import PROGRAMME_PARAMETER, programme_list, selected_programme
from core import roles
from core.access import READ_WRITE, anyone, gate, visible_or_404
from core.history import change_history

PROGRAMME_PAGE = _("Het programma")
FACTORS_PAGE = _("Beschermende factoren en fenomenen")

# What staff can edit, by the kind in the address: the model, its form, and the public page it is on.
EDITABLE: dict[str, tuple[type[Model], type[ModelForm], str]] = {
    "programma": (Programme, ProgrammeTextForm, "programme"),
    "actielijn": (ActionLine, ActionLineTextForm, "programme"),
    "uitgangspunt": (GuidingPrinciple, GuidingPrincipleTextForm, "programme"),
    "verwant-programma": (RelatedProgramme, RelatedProgrammeForm, "programme"),
    "beschermende-factor": (ProtectiveFactor, ProtectiveFactorTextForm, "factors"),
    "fenomeen": (Phenomenon, PhenomenonTextForm, "factors"),
}


def _programme_url(programme: Programme) -> str:
    return f"{reverse('agenda:programme_public')}?{PROGRAMME_PARAMETER}={programme.code}"


def _shown_programme(request: HttpRequest) -> Programme:
    programme = selected_programme(request)
    if programme is None:
        raise Http404
    return programme


@gate(anyone, public=True)
def programme_public(request: HttpRequest) -> HttpResponse:
    programme = _shown_programme(request)
    return render(
        request,
        "agenda/public/programme.html",
        {
            "programme": programme,
            "programmes": programme_list(),
            **public_selectors.programme_page(programme=programme),
            "can_edit": roles.is_staff_member(request.user),
            "breadcrumbs": [(PROGRAMME_PAGE, None)],
        },
    )


@gate(anyone, public=True)
def factors_public(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agenda/public/factors.html",
        {
            "levels": public_selectors.resilience_levels_with_factors(),
            "phenomena": public_selectors.phenomenon_list(),
            "can_edit": roles.is_staff_member(request.user),
            "breadcrumbs": [(PROGRAMME_PAGE, reverse("agenda:programme_public")), (FACTORS_PAGE, None)],
        },
    )


def _editable(request: HttpRequest, kind: str, pk: int) -> tuple[str, Model]:
    if kind not in EDITABLE:
        raise Http404
    model = EDITABLE[kind][0]
    return kind, visible_or_404(model._default_manager.all(), pk=pk)


def _back_url(kind: str, instance: Model) -> str:
    page = EDITABLE[kind][2]
    if page == "factors":
        return reverse("agenda:factors_public")
    programme = instance if isinstance(instance, Programme) else instance.programme  # type: ignore[attr-defined]
    return _programme_url(programme)


@gate(roles.is_staff_member, methods=READ_WRITE, load=lambda request, kind, pk: _editable(request, kind, pk))
def text_edit(request: HttpRequest, found: tuple[str, Model]) -> HttpResponse:
    kind, instance = found
    form_class = EDITABLE[kind][1]
    form = form_class(request.POST if request.method == "POST" else None, instance=instance)
    return _form_page(
        request,
        form=form,
        instance=instance,
        back_url=_back_url(kind, instance),
        title=gettext("Tekst wijzigen: %(object)s") % {"object": instance},
    )


@gate(
    roles.is_staff_member,
    methods=READ_WRITE,
    load=lambda request, code: visible_or_404(programme_list(), code=code),
)
def related_programme_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = RelatedProgrammeForm(
        request.POST if request.method == "POST" else None, instance=RelatedProgramme(programme=programme)
    )
    return _form_page(
        request,
        form=form,
        instance=None,
        back_url=_programme_url(programme),
        title=gettext("Nieuw verwant programma"),
    )


def _form_page(request: HttpRequest, *, form: ModelForm, instance: Model | None, back_url: str, title) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        saved = services.programme_text_save(instance=form.save(commit=False), by=request.user)
        messages.success(request, gettext("De wijzigingen in %(object)s zijn opgeslagen.") % {"object": saved})
        return redirect(back_url)
    return render(
        request,
        "agenda/public/edit.html",
        {
            "form": form,
            "object": instance,
            "title": title,
            "back_url": back_url,
            "history": change_history(instance=instance) if instance is not None else [],
            "breadcrumbs": [(PROGRAMME_PAGE, back_url), (title, None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )
