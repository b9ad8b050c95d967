"""The municipality's workspace: what is due, and starting a report."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import READ_WRITE, gate
from core.exports import export_links
from interventions.forms.reports import (
    ReportCreateForm,
    problems_to_form,
)
from interventions.permissions import reports as permissions
from interventions.selectors import reports as selectors
from interventions.services import report_problems as problems
from interventions.services import reports as services
from municipalities.selectors import municipality_for_user


@gate(permissions.can_use_workspace)
def workspace(request: HttpRequest) -> HttpResponse:
    municipality = municipality_for_user(user=request.user)
    if municipality is None:
        return render(request, "interventions/reports/no_municipality.html")
    data = selectors.workspace(municipality=municipality, on=selectors.today())
    return render(
        request,
        "interventions/reports/workspace.html",
        {
            "workspace": data,
            "today": selectors.today(),
            "item_export": export_links(request, "interventions:report_item_export", query={}),
            "breadcrumbs": [(_("Mijn gemeente"), None)],
        },
    )


@gate(permissions.can_use_workspace, methods=READ_WRITE)
def report_create(request: HttpRequest) -> HttpResponse:
    municipality = municipality_for_user(user=request.user)
    if municipality is None:
        return render(request, "interventions/reports/no_municipality.html")
    on = selectors.today()
    started = set(municipality.reports.values_list("period_id", flat=True))
    choices = [p for p in selectors.open_periods(on=on).order_by("-year", "-half") if p.pk not in started]
    status = 200
    if request.method == "POST":
        form = ReportCreateForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                report = services.report_create(
                    municipality=municipality, period=form.cleaned_data["period"], by=request.user, on=on
                )
            except problems.ReportError as error:
                problems_to_form(form, error.problems)
                status = 400
            else:
                messages.success(request, _("Het verslag is begonnen. Vul per interventie in wat er is gedaan."))
                return redirect("interventions:report_edit", pk=report.pk)
        else:
            status = 400
    else:
        initial = {"period": request.GET.get("periode")} if request.GET.get("periode") else {}
        if not initial and len(choices) == 1:
            initial = {"period": choices[0].pk}
        form = ReportCreateForm(initial=initial, choices=choices)
    return render(
        request,
        "interventions/reports/create.html",
        {
            "form": form,
            "choices": choices,
            "municipality": municipality,
            "breadcrumbs": [
                (_("Mijn gemeente"), reverse("interventions:workspace")),
                (_("Verslag beginnen"), None),
            ],
        },
        status=status,
    )
