"""The public intervention catalogue (no login): the programme's online platform, KPI K04."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import anyone, gate
from core.audit import log_security_event
from interventions.filters.catalogue import CatalogueFilter, without_scp
from interventions.models import Evaluation, Intervention
from interventions.permissions.register import can_read_evaluation_report, can_use_register
from interventions.selectors import catalogue as selectors
from interventions.selectors.scp import place_in_matrix, scp_counts, scp_matrix

PAGE_SIZE = 20


@gate(anyone, public=True)
def catalogue(request: HttpRequest) -> HttpResponse:
    filterset = CatalogueFilter(request.GET, queryset=selectors.catalogue_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    # Each cell counts the catalogue as filtered, but for the cell itself: a way in, never a dead end.
    matrix = scp_matrix(
        scp_counts(filterset.qs_without_scp(Intervention.objects.filter(is_public=True))),
        list_url=reverse("interventions:catalogue"),
        keep=without_scp(request.GET),
        current=(request.GET.get("capacity", ""), request.GET.get("connection", "")),
    )
    return render(
        request,
        "interventions/catalogue/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "filtered": any(value not in (None, "") for key, value in request.GET.items() if key != "page"),
            "scp": matrix,
            "breadcrumbs": [(_("Interventies"), None)],
        },
    )


@gate(anyone, public=True)
def catalogue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        intervention = selectors.catalogue_detail(slug=slug, user=request.user)
    except Intervention.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "interventions/catalogue/detail.html",
        {
            "intervention": intervention,
            "is_preview": not intervention.is_public,
            "can_edit": can_use_register(request.user),
            "scp_place": place_in_matrix(intervention, list_url=reverse("interventions:catalogue")),
            "breadcrumbs": [(_("Interventies"), reverse("interventions:catalogue")), (intervention.name, None)],
        },
    )


@gate(anyone, public=True)
def evaluation_report(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The report of an evaluation, as PDF; served only to whoever may read it."""
    try:
        evaluation = selectors.catalogue_evaluation(slug=slug, pk=pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None
    if not evaluation.report_file or not can_read_evaluation_report(request.user, evaluation):
        raise Http404
    try:
        handle = evaluation.report_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{evaluation.intervention.slug}-{evaluation.pk}.pdf"
    if request.user.is_authenticated:
        log_security_event("download.pdf", request=request, evaluation=evaluation.pk, name=filename)
    return FileResponse(handle, content_type="application/pdf", filename=filename)
