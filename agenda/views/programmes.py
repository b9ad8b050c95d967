"""Programme staff keep the programme's structure here, not in the admin: the programmes, and starting a new
programme from an existing one. The parts of one programme are edited in ``agenda.views.structure``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda import selectors, services
from agenda.forms.structure import ProgrammeCopyForm, ProgrammeForm
from agenda.models import BudgetYearPlan, Programme
from agenda.permissions import can_edit_programmes
from core.access import READ_WRITE, gate, submitted
from core.history import change_history
from core.register import found_or_404

PROGRAMMES = _("Programma's")


def programmes_crumb() -> tuple:
    return (PROGRAMMES, reverse("agenda:programme_list"))


def programme_crumb(programme: Programme) -> tuple:
    return (programme.label, reverse("agenda:programme_detail", args=[programme.code]))


def load_programme(request: HttpRequest, code: str) -> Programme:
    return found_or_404(selectors.programme_get)(request, code=code)


def render_structure_form(
    request: HttpRequest, *, form, title, back_url: str, crumbs: list, obj=None, note=None, year_history=None
) -> HttpResponse:
    """A form for a part of a programme, with the part's change history under it."""
    return render(
        request,
        "agenda/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "object": obj,
            "note": note,
            "history": change_history(instance=obj) if obj is not None and obj.pk else None,
            "year_history": year_history,
            "breadcrumbs": [programmes_crumb(), *crumbs, (title, None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def add_service_error(form, error: ValidationError) -> None:
    """A check the service made (a unique code, say) as a message above the form."""
    form.add_error(None, error.messages)


@gate(can_edit_programmes)
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agenda/programme_list.html",
        {
            "programmes": list(selectors.programme_overview()),
            "breadcrumbs": [(PROGRAMMES, None)],
        },
    )


@gate(can_edit_programmes, load=load_programme)
def programme_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    """A programme's structure on one page: its fields, action lines, principles, KPIs and budget."""
    kpis = list(selectors.kpi_definition_list(programme=programme))
    plans: dict[int, list[BudgetYearPlan]] = {}
    for plan in selectors.budget_year_plan_list(programme=programme):
        plans.setdefault(plan.year, []).append(plan)
    years = [
        (year, selectors.months_in_year(programme, year), plans.get(year, []))
        for year in selectors.programme_years(programme)
    ]
    return render(
        request,
        "agenda/programme_detail.html",
        {
            "programme": programme,
            "action_lines": list(selectors.action_line_list(programme=programme)),
            "principles": list(selectors.guiding_principle_list(programme=programme)),
            "kpis": kpis,
            "incomplete_kpis": [kpi for kpi in kpis if not kpi.is_complete],
            "budget_lines": list(selectors.budget_line_list(programme=programme)),
            "years": years,
            "history": change_history(instance=programme),
            "breadcrumbs": [programmes_crumb(), (programme.label, None)],
        },
    )


@gate(can_edit_programmes, methods=READ_WRITE)
def programme_copy(request: HttpRequest) -> HttpResponse:
    """Start a new programme from the structure of an existing one."""
    form = ProgrammeCopyForm(submitted(request), initial={"source": selectors.programme_list().last()})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_copy(
                source=form.cleaned_data["source"], programme=form.save(commit=False), by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "%(programme)s is aangemaakt. Vul nu de streefwaarden en deadlines van de overgenomen KPI's "
                    "en de bedragen van de begroting in."
                )
                % {"programme": programme.label},
            )
            return redirect("agenda:programme_detail", code=programme.code)
    return render_structure_form(
        request,
        form=form,
        title=gettext("Nieuw programma op basis van een bestaand programma"),
        back_url=reverse("agenda:programme_list"),
        crumbs=[],
    )


@gate(can_edit_programmes, methods=READ_WRITE, load=load_programme)
def programme_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ProgrammeForm(submitted(request), instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_save(programme=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, gettext("De wijzigingen in %(object)s zijn opgeslagen.") % {"object": programme})
            return redirect("agenda:programme_detail", code=programme.code)
    return render_structure_form(
        request,
        form=form,
        title=gettext("Programma wijzigen"),
        back_url=reverse("agenda:programme_detail", args=[programme.code]),
        crumbs=[programme_crumb(programme)],
        obj=programme,
    )
