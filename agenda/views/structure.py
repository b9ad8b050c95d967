"""The parts of one programme, edited by programme staff: action lines, guiding principles, KPI definitions,
the plan's budget table (average per year) and the real plan of a year. Every change is in the part's history."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from agenda import selectors, services
from agenda.forms.structure import ActionLineForm, BudgetLineForm, BudgetYearForm, GuidingPrincipleForm, KpiForm
from agenda.models import ActionLine, BudgetLine, GuidingPrinciple, Kpi, Programme
from agenda.permissions import can_edit_programmes
from agenda.views.programmes import add_service_error, load_programme, programme_crumb, render_structure_form
from core.access import READ_WRITE, gate, submitted


def _part_loader(model: type) -> Callable[..., Any]:
    """Load (programme, part) from the URL; a part of another programme is a 404 like a missing one."""

    def load(request: HttpRequest, code: str, pk: int | None = None) -> tuple[Programme, Any]:
        programme = load_programme(request, code)
        if pk is None:
            return programme, None
        part = model.objects.filter(programme=programme, pk=pk).first()
        if part is None:
            raise Http404
        return programme, part

    return load


def _part_page(
    request: HttpRequest,
    *,
    programme: Programme,
    part: Any,
    form,
    save: Callable[[Any], Any],
    anchor: str,
    new_title: str,
    edit_title: str,
    note: str | None = None,
) -> HttpResponse:
    back_url = reverse("agenda:programme_detail", args=[programme.code]) + f"#{anchor}"
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if part is None:
                text = _("%(object)s is toegevoegd aan %(programme)s.")
            else:
                text = _("De wijzigingen in %(object)s zijn opgeslagen.")
            messages.success(request, text % {"object": saved, "programme": programme.label})
            return redirect(back_url)
    return render_structure_form(
        request,
        form=form,
        title=edit_title if part else new_title,
        back_url=back_url,
        crumbs=[programme_crumb(programme)],
        obj=part,
        note=note,
    )


def _in(programme: Programme, form):
    instance = form.save(commit=False)
    instance.programme = programme
    return instance


@gate(can_edit_programmes, methods=READ_WRITE, load=_part_loader(ActionLine))
def action_line_edit(request: HttpRequest, loaded: tuple[Programme, ActionLine | None]) -> HttpResponse:
    programme, line = loaded
    return _part_page(
        request,
        programme=programme,
        part=line,
        form=ActionLineForm(submitted(request), instance=line),
        save=lambda form: services.action_line_save(action_line=_in(programme, form), by=request.user),
        anchor="actielijnen",
        new_title=_("Nieuwe actielijn"),
        edit_title=_("Actielijn wijzigen"),
    )


@gate(can_edit_programmes, methods=READ_WRITE, load=_part_loader(GuidingPrinciple))
def guiding_principle_edit(request: HttpRequest, loaded: tuple[Programme, GuidingPrinciple | None]) -> HttpResponse:
    programme, principle = loaded
    return _part_page(
        request,
        programme=programme,
        part=principle,
        form=GuidingPrincipleForm(submitted(request), instance=principle),
        save=lambda form: services.guiding_principle_save(principle=_in(programme, form), by=request.user),
        anchor="uitgangspunten",
        new_title=_("Nieuw uitgangspunt"),
        edit_title=_("Uitgangspunt wijzigen"),
    )


@gate(can_edit_programmes, methods=READ_WRITE, load=_part_loader(Kpi))
def kpi_edit(request: HttpRequest, loaded: tuple[Programme, Kpi | None]) -> HttpResponse:
    programme, kpi = loaded
    note = None
    if kpi is not None and not kpi.is_complete:
        note = _(
            "Deze KPI is overgenomen uit een vorig programma en is nog niet compleet: controleer de streefwaarde "
            "en de deadline en sla op. Pas dan telt hij als ingevuld."
        )
    return _part_page(
        request,
        programme=programme,
        part=kpi,
        form=KpiForm(submitted(request), instance=kpi, programme=programme),
        save=lambda form: services.kpi_save(kpi=_in(programme, form), by=request.user),
        anchor="kpis",
        new_title=_("Nieuwe KPI"),
        edit_title=_("KPI-definitie wijzigen"),
        note=note,
    )


@gate(can_edit_programmes, methods=READ_WRITE, load=_part_loader(BudgetLine))
def budget_line_edit(request: HttpRequest, loaded: tuple[Programme, BudgetLine | None]) -> HttpResponse:
    programme, budget_line = loaded
    return _part_page(
        request,
        programme=programme,
        part=budget_line,
        form=BudgetLineForm(submitted(request), instance=budget_line, programme=programme),
        save=lambda form: services.budget_line_save(budget_line=_in(programme, form), by=request.user),
        anchor="begroting",
        new_title=_("Nieuwe begrotingspost"),
        edit_title=_("Begrotingspost wijzigen"),
        note=_("De tabel van het plan geeft bedragen per jaar, gemiddeld."),
    )


def _programme_year(request: HttpRequest, code: str, year: int) -> tuple[Programme, int]:
    programme = load_programme(request, code)
    if year not in selectors.programme_years(programme):
        raise Http404
    return programme, year


@gate(can_edit_programmes, methods=READ_WRITE, load=_programme_year)
def budget_year_edit(request: HttpRequest, loaded: tuple[Programme, int]) -> HttpResponse:
    """Enter or change a year's real plan per action line; an empty field keeps the pro-rata figure."""
    programme, year = loaded
    months = selectors.months_in_year(programme, year)
    averages = selectors.budget_averages(programme=programme)
    pro_rata = {key: selectors.pro_rata(average, months) for key, average in averages.items()}
    lines: list[ActionLine | None] = list(selectors.action_line_list(programme=programme))
    if None in averages:
        lines.append(None)
    plans = list(programme.budget_year_plans.filter(year=year))
    entered = {plan.action_line_id: plan.planned for plan in plans}
    if any(plan.action_line_id is None for plan in plans) and None not in lines:
        lines.append(None)
    form = BudgetYearForm(submitted(request), lines=lines, pro_rata=pro_rata, entered=entered)
    back_url = reverse("agenda:programme_detail", args=[programme.code]) + "#begroting"
    if request.method == "POST" and form.is_valid():
        services.budget_year_plan_set(programme=programme, year=year, plans=form.plans(), by=request.user)
        messages.success(request, _("De begroting van %(year)s is opgeslagen.") % {"year": year})
        return redirect(back_url)
    note = _(
        "Het programma loopt %(months)s van de 12 maanden in %(year)s. Zonder ingevoerde begroting is een actielijn "
        "in dat jaar begroot naar rato: %(months)s/12 van het gemiddelde per jaar uit het plan. Vul de werkelijke "
        "begroting van het jaar in waar die bekend is; laat een veld leeg om naar rato te begroten."
    ) % {"months": months, "year": year}
    return render_structure_form(
        request,
        form=form,
        title=_("Begroting %(year)s") % {"year": year},
        back_url=back_url,
        crumbs=[programme_crumb(programme)],
        note=note,
        year_history=selectors.budget_year_plan_history(programme=programme, year=year),
    )
