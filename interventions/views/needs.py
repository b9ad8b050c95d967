"""Needs-driven working: the needs and questions municipalities send with their half-yearly reports.

Staff see all needs of a programme together, tag, answer and follow them up; the municipality reads
the answer on its report; the advisory board sees a summary.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from agenda.selectors import selected_programme
from core import roles
from core.access import READ_WRITE, gate, visible_or_404
from core.history import change_history
from interventions.forms.needs import NeedFilterForm, NeedResponseForm
from interventions.models import NeedResponse, Report
from interventions.permissions.reports import can_review_reports
from interventions.selectors import needs as selectors
from interventions.services import needs as services

PAGE_SIZE = 25
NEEDS = _("Behoeften van gemeenten")


def _programme(request: HttpRequest) -> Programme:
    programme = selected_programme(request)
    if programme is None:
        raise Http404
    return programme


def _staff_or_board(user) -> bool:
    return roles.is_staff_member(user) or roles.is_board_member(user)


@gate(can_review_reports)
def need_list(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    filters = NeedFilterForm(request.GET)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    reports = selectors.need_list(
        user=request.user, programme=programme, status=wanted.get("status", ""), tag=wanted.get("tag")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/needs/list.html",
        {
            "programme": programme,
            "filters": filters,
            "page_obj": page,
            "breadcrumbs": [(_("Verslagen"), reverse("interventions:report_overview")), (NEEDS, None)],
        },
    )


def _report_with_needs(request: HttpRequest, pk: int) -> Report:
    return visible_or_404(selectors.need_detail_queryset(user=request.user), pk=pk)


@gate(can_review_reports, methods=READ_WRITE, load=_report_with_needs)
def need_answer(request: HttpRequest, report: Report) -> HttpResponse:
    response = NeedResponse.objects.filter(report=report).first()
    form = NeedResponseForm(request.POST if request.method == "POST" else None, instance=response)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.need_respond(
            report=report,
            by=request.user,
            status=data["status"],
            answer=data["answer"].strip(),
            follow_up=data["follow_up"].strip(),
            tags=data["tags"],
            new_tags=data["new_tags"],
        )
        messages.success(
            request, gettext("De reactie op de behoeften van %(report)s is opgeslagen.") % {"report": report}
        )
        return redirect("interventions:need_list")
    return render(
        request,
        "interventions/needs/answer.html",
        {
            "report": report,
            "form": form,
            "history": change_history(instance=response) if response else [],
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (NEEDS, reverse("interventions:need_list")),
                (str(report), None),
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(_staff_or_board)
def need_summary(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    return render(
        request,
        "interventions/needs/summary.html",
        {
            "programme": programme,
            "summary": selectors.need_summary(user=request.user, programme=programme),
            "is_staff": roles.is_staff_member(request.user),
            "breadcrumbs": [(_("Behoeften: samenvatting"), None)],
        },
    )
