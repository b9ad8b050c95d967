"""Withdrawing a manual KPI measurement with a reason: it stays in the history but no longer counts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda import services
from agenda.models import KpiMeasurement
from analysis.forms.kpis import WithdrawalForm
from analysis.permissions.kpis import can_view_kpis
from analysis.views.kpis import _crumbs, _measurement
from core.access import READ_WRITE, gate, submitted
from core.history import change_history


@gate(can_view_kpis, methods=READ_WRITE, load=_measurement)
def kpi_measurement_withdraw(request: HttpRequest, measurement: KpiMeasurement) -> HttpResponse:
    kpi = measurement.kpi
    back_url = reverse("analysis:kpi_detail", args=[kpi.code]) + "#metingen"
    form = WithdrawalForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_measurement_withdraw(
                measurement=measurement, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De meting van %(kpi)s op %(date)s is ingetrokken. Ze telt niet meer mee.")
                % {"kpi": kpi.code, "date": date_format(measurement.measured_on, "j F Y")},
            )
            return redirect(back_url)
    title = _("Meting intrekken")
    return render(
        request,
        "analysis/kpis/measurement_withdraw.html",
        {
            "kpi": kpi,
            "measurement": measurement,
            "form": form,
            "title": title,
            "back_url": back_url,
            "history": change_history(instance=measurement),
            "breadcrumbs": _crumbs(
                (f"{kpi.code} {kpi.label}", reverse("analysis:kpi_detail", args=[kpi.code])), (title, None)
            ),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
