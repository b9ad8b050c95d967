"""Register pages for interventions and evaluations, and the register's index. Programme staff only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.access import READ_WRITE, gate
from core.exports import export_links, export_response, file_format
from core.register import found_or_404, register_form_page, render_register_detail, render_register_list
from interventions.exports.register import EVALUATION_COLUMNS, INTERVENTION_COLUMNS
from interventions.filters.catalogue import without_scp
from interventions.filters.register import EvaluationFilter, InterventionFilter
from interventions.forms.register import EvaluationForm, InterventionForm
from interventions.models import Evaluation, Intervention
from interventions.permissions.register import can_use_register
from interventions.selectors import register as selectors
from interventions.selectors.scp import place_in_matrix, scp_counts, scp_matrix
from interventions.services import register as services

INTERVENTIONS = (_("Interventies"), reverse_lazy("interventions:intervention_list"))
EVALUATIONS = (_("Evaluaties"), reverse_lazy("interventions:evaluation_list"))


@gate(can_use_register)
def register_index(request: HttpRequest) -> HttpResponse:
    counts = selectors.register_counts()
    sections = [
        (
            _("Interventies"),
            "interventions:intervention_list",
            counts["interventions"],
            _("Wat er loopt, in welke fase, met welk bewijs; en wat openbaar is."),
        ),
        (
            _("Evaluaties"),
            "interventions:evaluation_list",
            counts["evaluations"],
            _("Proces- en effectevaluaties met hun bevindingen en rapporten."),
        ),
        (
            _("Gemeenten"),
            "municipalities:municipality_list",
            counts["municipalities"],
            _("De 342 gemeenten met hun uitkeringen, interventies en organisaties."),
        ),
        (
            _("Specifieke uitkeringen"),
            "municipalities:grant_list",
            counts["grants"],
            _("SPUK Kansrijke Wijk per gemeente en focusgebied."),
        ),
        (
            _("Organisaties"),
            "municipalities:organisation_list",
            counts["organisations"],
            _("Maatschappelijke organisaties, kennisinstellingen en andere partners."),
        ),
        (
            _("Samenwerkingsverbanden"),
            "municipalities:partnership_list",
            counts["partnerships"],
            _("Wie met wie samenwerkt, waaraan en sinds wanneer."),
        ),
        (
            _("Learning community"),
            "municipalities:membership_list",
            counts["memberships"],
            _("Welke gemeenten deelnemen aan de learning community."),
        ),
    ]
    return render(
        request,
        "interventions/register/index.html",
        {
            "sections": [
                {"label": label, "url": reverse(name), "count": count, "description": description}
                for label, name, count, description in sections
            ],
            "breadcrumbs": [(_("Register"), None)],
        },
    )


# Interventions


def _intervention_filter(request: HttpRequest) -> InterventionFilter:
    return InterventionFilter(request.GET, queryset=selectors.intervention_list())


@gate(can_use_register)
def intervention_list(request: HttpRequest) -> HttpResponse:
    filterset = _intervention_filter(request)
    # The matrix counts the list as filtered, but for its own cell: every cell stays a way in.
    matrix = scp_matrix(
        scp_counts(filterset.qs_without_scp(Intervention.objects.all())),
        list_url=reverse("interventions:intervention_list"),
        keep=without_scp(request.GET),
        current=(request.GET.get("capacity", ""), request.GET.get("connection", "")),
    )
    return render_register_list(
        request,
        filterset=filterset,
        template="interventions/register/intervention_list.html",
        title=INTERVENTIONS[0],
        new_url=reverse("interventions:intervention_create"),
        new_label=_("Nieuwe interventie"),
        scp=matrix,
        export=export_links(request, "interventions:intervention_export"),
    )


@gate(can_use_register, load=file_format)
def intervention_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The intervention list as CSV or XLSX, with the page's filters."""
    return export_response(
        request,
        fmt=fmt,
        columns=INTERVENTION_COLUMNS,
        rows=_intervention_filter(request).qs,
        name="interventies",
        title=INTERVENTIONS[0],
        export="interventions",
    )


@gate(can_use_register, load=found_or_404(selectors.intervention_detail))
def intervention_detail(request: HttpRequest, intervention: Intervention) -> HttpResponse:
    return render_register_detail(
        request,
        intervention,
        template="interventions/register/intervention_detail.html",
        section=INTERVENTIONS,
        intervention=intervention,
        scp_place=place_in_matrix(intervention, list_url=reverse("interventions:intervention_list")),
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(Intervention.objects.get))
def intervention_edit(request: HttpRequest, intervention: Intervention | None) -> HttpResponse:
    return register_form_page(
        request,
        instance=intervention,
        form=InterventionForm(request.POST or None, instance=intervention),
        save=lambda form: services.intervention_save(
            intervention=form.save(commit=False), m2m=form.m2m_data(), by=request.user
        ),
        section=INTERVENTIONS,
        edit_title=_("Interventie wijzigen"),
        new_title=_("Nieuwe interventie"),
    )


# Evaluations


def _evaluation_filter(request: HttpRequest) -> EvaluationFilter:
    return EvaluationFilter(request.GET, queryset=selectors.evaluation_list())


@gate(can_use_register)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    filterset = _evaluation_filter(request)
    return render_register_list(
        request,
        filterset=filterset,
        template="interventions/register/evaluation_list.html",
        title=EVALUATIONS[0],
        new_url=reverse("interventions:evaluation_create"),
        new_label=_("Nieuwe evaluatie"),
        export=export_links(request, "interventions:evaluation_export"),
    )


@gate(can_use_register, load=file_format)
def evaluation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The evaluation list as CSV or XLSX, with the page's filters."""
    return export_response(
        request,
        fmt=fmt,
        columns=EVALUATION_COLUMNS,
        rows=_evaluation_filter(request).qs,
        name="evaluaties",
        title=EVALUATIONS[0],
        export="evaluations",
    )


@gate(can_use_register, load=found_or_404(selectors.evaluation_detail))
def evaluation_detail(request: HttpRequest, evaluation: Evaluation) -> HttpResponse:
    return render_register_detail(
        request,
        evaluation,
        template="interventions/register/evaluation_detail.html",
        section=EVALUATIONS,
        evaluation=evaluation,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(Evaluation.objects.get))
def evaluation_edit(request: HttpRequest, evaluation: Evaluation | None) -> HttpResponse:
    initial = {}
    if evaluation is None and request.GET.get("intervention", "").isdigit():
        initial["intervention"] = Intervention.objects.filter(pk=request.GET["intervention"]).first()
    return register_form_page(
        request,
        instance=evaluation,
        form=EvaluationForm(request.POST or None, request.FILES or None, instance=evaluation, initial=initial),
        save=lambda form: services.evaluation_save(evaluation=form.save(commit=False), by=request.user),
        section=EVALUATIONS,
        edit_title=_("Evaluatie wijzigen"),
        new_title=_("Nieuwe evaluatie"),
    )
