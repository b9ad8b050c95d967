"""Register pages for interventions and evaluations, and the register's index. Programme staff only."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.history import change_history
from core.register import register_crumb, render_register_form, render_register_list, saved
from interventions.filters.register import EvaluationFilter, InterventionFilter
from interventions.forms.register import EvaluationForm, InterventionForm
from interventions.models import Evaluation, Intervention
from interventions.permissions.register import register_required
from interventions.selectors import register as selectors
from interventions.services import register as services


@register_required
@require_safe
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


@register_required
@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    filterset = InterventionFilter(request.GET, queryset=selectors.intervention_list())
    return render_register_list(
        request, filterset=filterset, template="interventions/register/intervention_list.html", title=_("Interventies")
    )


@register_required
@require_safe
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        intervention = selectors.intervention_detail(pk=pk)
    except Intervention.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "interventions/register/intervention_detail.html",
        {
            "intervention": intervention,
            "history": change_history(instance=intervention),
            "breadcrumbs": [
                register_crumb(),
                (_("Interventies"), reverse("interventions:intervention_list")),
                (intervention.name, None),
            ],
        },
    )


@register_required
def intervention_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    intervention = get_object_or_404(Intervention, pk=pk) if pk else None
    form = InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        saved_intervention = services.intervention_save(
            intervention=form.save(commit=False), m2m=form.m2m_data(), by=request.user
        )
        return saved(
            request,
            saved_intervention,
            created=intervention is None,
            url=reverse("interventions:intervention_detail", args=[saved_intervention.pk]),
        )
    return render_register_form(
        request,
        form=form,
        object=intervention,
        title=_("Interventie wijzigen") if intervention else _("Nieuwe interventie"),
        back_url=reverse("interventions:intervention_detail", args=[intervention.pk])
        if intervention
        else reverse("interventions:intervention_list"),
        crumbs=[(_("Interventies"), reverse("interventions:intervention_list"))],
    )


# Evaluations


@register_required
@require_safe
def evaluation_list(request: HttpRequest) -> HttpResponse:
    filterset = EvaluationFilter(request.GET, queryset=selectors.evaluation_list())
    return render_register_list(
        request, filterset=filterset, template="interventions/register/evaluation_list.html", title=_("Evaluaties")
    )


@register_required
@require_safe
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        evaluation = selectors.evaluation_detail(pk=pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "interventions/register/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "history": change_history(instance=evaluation),
            "breadcrumbs": [
                register_crumb(),
                (_("Evaluaties"), reverse("interventions:evaluation_list")),
                (evaluation.title, None),
            ],
        },
    )


@register_required
def evaluation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation, pk=pk) if pk else None
    initial = {}
    if evaluation is None and request.GET.get("intervention", "").isdigit():
        initial["intervention"] = Intervention.objects.filter(pk=request.GET["intervention"]).first()
    form = EvaluationForm(request.POST or None, request.FILES or None, instance=evaluation, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved_evaluation = services.evaluation_save(evaluation=form.save(commit=False), by=request.user)
        return saved(
            request,
            saved_evaluation,
            created=evaluation is None,
            url=reverse("interventions:evaluation_detail", args=[saved_evaluation.pk]),
        )
    return render_register_form(
        request,
        form=form,
        object=evaluation,
        title=_("Evaluatie wijzigen") if evaluation else _("Nieuwe evaluatie"),
        back_url=reverse("interventions:evaluation_detail", args=[evaluation.pk])
        if evaluation
        else reverse("interventions:evaluation_list"),
        crumbs=[(_("Evaluaties"), reverse("interventions:evaluation_list"))],
    )
