"""Staff set how far a report's figures may move from the previous half-year before the form asks why."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import READ_WRITE, gate
from interventions.forms.report_checks import CheckFactorsForm
from interventions.permissions import reports as permissions
from interventions.selectors import report_checks as selectors
from interventions.services import report_checks as services

HISTORY_SHOWN = 50


@gate(permissions.can_configure_report_checks, methods=READ_WRITE)
def report_check_settings(request: HttpRequest) -> HttpResponse:
    form = CheckFactorsForm(
        request.POST if request.method == "POST" else None, configured=selectors.configured_check_factors()
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.check_factors_save(factors=form.factors(), by=request.user)
            messages.success(
                request, _("De factoren zijn opgeslagen. Ze gelden voor verslagen die vanaf nu worden opgeslagen.")
            )
            return redirect("interventions:report_check_settings")
        status = 400
    return render(
        request,
        "interventions/reports/check_settings.html",
        {
            "form": form,
            "default_factor": selectors.DEFAULT_FACTOR,
            "history": list(selectors.check_factor_history()[:HISTORY_SHOWN]),
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (_("Controles op verslagen"), None),
            ],
        },
        status=status,
    )
