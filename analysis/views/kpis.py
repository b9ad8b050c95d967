"""The KPI pages for programme staff: all KPIs, the drill-down of one KPI, its measurements, the export.

Every figure comes from analysis.kpis; these views parse the request, check
permission, ask the selectors and render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agenda import services
from agenda.models import Kpi, KpiMeasurement
from agenda.selectors import selected_programme
from analysis import kpis
from analysis.display import kpi as kpi_display
from analysis.display.exports import MEASUREMENT_COLUMNS
from analysis.filters.kpis import KpiFilter
from analysis.forms.kpis import AsOfForm, KpiMeasurementForm
from analysis.permissions.kpis import can_record_measurement, can_view_kpis
from analysis.selectors import kpis as selectors
from core.access import READ_WRITE, gate, submitted
from core.audit import log_security_event
from core.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    export_links,
    export_response,
    file_format,
    to_csv,
    xlsx_bytes,
)
from core.history import change_history

MEMBERS_PER_PAGE = 100


def _crumbs(*trail) -> list:
    return [(_("KPI's"), reverse("analysis:kpis")), *trail]


def _date_query(request: HttpRequest) -> str:
    """The programme and date of the request as a query string, for links that keep them."""
    kept = {key: request.GET[key] for key in ("programme", "as_of") if request.GET.get(key)}
    return urlencode(kept)


def _evaluate(kpi_queryset, programme, as_of) -> list[kpis.KpiResult]:
    return kpis.evaluate_all(kpi_queryset, as_of, trend_dates=kpis.half_year_ends(programme.starts_on, as_of))


def no_programme_page(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "analysis/kpis/no_programme.html", {"title": title, "breadcrumbs": [(title, None)]})


@gate(can_view_kpis)
def kpi_overview(request: HttpRequest) -> HttpResponse:
    """All KPIs grouped by action line, as of a date: target, actual, progress, status and trend."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, today=today, programme=selected_programme(request))
    programme, as_of = form.choice()
    if programme is None:
        return no_programme_page(request, _("KPI's"))
    filterset = KpiFilter(request.GET or None, queryset=selectors.kpi_list(programme=programme), programme=programme)
    rows = kpi_display.kpi_rows(_evaluate(filterset.qs, programme, as_of))
    query = request.GET.urlencode()
    return render(
        request,
        "analysis/kpis/overview.html",
        {
            "form": form,
            "filter": filterset,
            "programme": programme,
            "as_of": as_of,
            "today": today,
            "programme_ended": as_of == programme.ends_on and today > programme.ends_on,
            "groups": kpi_display.kpi_groups(rows),
            "row_count": len(rows),
            "status_summary": kpi_display.status_summary(rows),
            "status_rules": kpi_display.status_rules(),
            "date_query": _date_query(request),
            "csv_url": reverse("analysis:kpi_export", args=["csv"]) + (f"?{query}" if query else ""),
            "xlsx_url": reverse("analysis:kpi_export", args=["xlsx"]) + (f"?{query}" if query else ""),
            "measurement_export": export_links(request, "analysis:kpi_measurement_export"),
            "breadcrumbs": [(_("KPI's"), None)],
        },
        status=400 if form.has_errors or (filterset.is_bound and not filterset.is_valid()) else 200,
    )


@gate(can_view_kpis)
def kpi_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The KPI table as CSV or XLSX, for the same programme, date and filter as the page."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, today=today, programme=selected_programme(request))
    programme, as_of = form.choice()
    filterset = KpiFilter(request.GET or None, queryset=selectors.kpi_list(programme=programme), programme=programme)
    if programme is None or form.has_errors or (filterset.is_bound and not filterset.is_valid()):
        # The page says what is wrong with the date, and keeps what was typed.
        query = request.GET.urlencode()
        return redirect(reverse("analysis:kpis") + (f"?{query}" if query else ""))
    rows = kpi_display.kpi_rows(_evaluate(filterset.qs, programme, as_of), with_charts=False)
    header, body = kpi_display.export_table(rows, as_of=as_of)
    name = f"kpis-{programme.code}-{as_of:%Y-%m-%d}"
    log_security_event(
        f"export.{fmt}",
        request=request,
        export="kpis",
        programme=programme.code,
        as_of=as_of.isoformat(),
        rows=len(body),
    )
    if fmt == "csv":
        response = HttpResponse(to_csv(header, body), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(xlsx_bytes(header, body, title=_("KPI's")), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@gate(can_view_kpis, load=file_format)
def measurement_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The measurements of the manual KPIs on the page (programme, date and filter), as CSV or XLSX."""
    form = AsOfForm(request.GET or None, today=timezone.localdate(), programme=selected_programme(request))
    programme, as_of = form.choice()
    filterset = KpiFilter(request.GET or None, queryset=selectors.kpi_list(programme=programme), programme=programme)
    if programme is None or form.has_errors or (filterset.is_bound and not filterset.is_valid()):
        query = request.GET.urlencode()
        return redirect(reverse("analysis:kpis") + (f"?{query}" if query else ""))
    return export_response(
        request,
        fmt=fmt,
        columns=MEASUREMENT_COLUMNS,
        rows=selectors.measurement_export_list(kpi_queryset=filterset.qs, as_of=as_of),
        name=f"kpi-metingen-{programme.code}-{as_of:%Y-%m-%d}",
        title=_("KPI-metingen"),
        export="kpi_measurements",
        programme=programme.code,
        as_of=as_of.isoformat(),
    )


def _kpi_or_404(programme, code: str) -> Kpi:
    kpi = selectors.kpi_get(programme=programme, code=code) if programme else None
    if kpi is None:
        raise Http404
    return kpi


@gate(can_view_kpis)
def kpi_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One KPI as of a date: exactly which objects it counts and why, its trend, and its measurements."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, today=today, programme=selected_programme(request))
    programme, as_of = form.choice()
    kpi = _kpi_or_404(programme, code)
    result = _evaluate([kpi], programme, as_of)[0]
    row = kpi_display.KpiRow(result)
    counted = selectors.counted_rows(kpis.members(kpi, as_of))
    page = Paginator(counted, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "programme": programme,
        "as_of": as_of,
        "kpi": kpi,
        "row": row,
        "result": result,
        "trend": kpi_display.trend_chart(result),
        "counted_total": len(counted),
        "page_obj": page,
        "status_rules": kpi_display.status_rules(),
        "date_query": _date_query(request),
        "breadcrumbs": _crumbs((f"{kpi.code} {kpi.label}", None)),
    }
    if kpi.is_manual:
        context.update(
            measurements=list(selectors.measurement_list(kpi=kpi)),
            measurement_history=selectors.measurement_history(kpi=kpi),
            can_record=can_record_measurement(request.user, kpi),
            measurement_form=KpiMeasurementForm(kpi=kpi, today=today, initial={"measured_on": today}),
        )
    return render(request, "analysis/kpis/detail.html", context, status=400 if form.has_errors else 200)


def _manual_kpi(request: HttpRequest, code: str) -> Kpi:
    programme = selected_programme(request)
    kpi = _kpi_or_404(programme, code)
    if not can_record_measurement(request.user, kpi):
        raise Http404  # a computed KPI has no measurements to record
    return kpi


def _save_measurement(request: HttpRequest, form: KpiMeasurementForm, kpi: Kpi) -> KpiMeasurement | None:
    if not form.is_valid():
        return None
    try:
        return services.kpi_measurement_save(measurement=form.save(commit=False), by=request.user)
    except ValidationError as error:
        field = "measured_on" if getattr(error, "code", "") == "duplicate_day" else None
        form.add_error(field, error)
        return None


def _measurement_page(request, *, kpi, form, title, measurement=None) -> HttpResponse:
    return render(
        request,
        "analysis/kpis/measurement_form.html",
        {
            "kpi": kpi,
            "form": form,
            "title": title,
            "measurement": measurement,
            "history": change_history(instance=measurement) if measurement else [],
            "back_url": reverse("analysis:kpi_detail", args=[kpi.code]),
            "breadcrumbs": _crumbs(
                (f"{kpi.code} {kpi.label}", reverse("analysis:kpi_detail", args=[kpi.code])), (title, None)
            ),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(can_view_kpis, methods=READ_WRITE, load=_manual_kpi)
def kpi_measurement_create(request: HttpRequest, kpi: Kpi) -> HttpResponse:
    """Record a dated value of a manual KPI."""
    today = timezone.localdate()
    form = KpiMeasurementForm(submitted(request), kpi=kpi, today=today, initial={"measured_on": today})
    if request.method == "POST":
        measurement = _save_measurement(request, form, kpi)
        if measurement:
            messages.success(
                request,
                _("De meting van %(kpi)s op %(date)s is vastgelegd.")
                % {"kpi": kpi.code, "date": date_format(measurement.measured_on, "j F Y")},
            )
            return redirect(reverse("analysis:kpi_detail", args=[kpi.code]) + "#metingen")
    return _measurement_page(request, kpi=kpi, form=form, title=_("Nieuwe meting"))


def _measurement(request: HttpRequest, code: str, pk: int) -> KpiMeasurement:
    kpi = _manual_kpi(request, code)
    measurement = selectors.measurement_get(kpi=kpi, pk=pk)
    if measurement is None:
        raise Http404
    measurement.kpi = kpi  # already read: no second query
    return measurement


@gate(can_view_kpis, methods=READ_WRITE, load=_measurement)
def kpi_measurement_edit(request: HttpRequest, measurement: KpiMeasurement) -> HttpResponse:
    """Correct a measurement; the history keeps what it was, who changed it and when."""
    kpi = measurement.kpi
    form = KpiMeasurementForm(submitted(request), instance=measurement, kpi=kpi, today=timezone.localdate())
    if request.method == "POST":
        saved = _save_measurement(request, form, kpi)
        if saved:
            messages.success(
                request,
                _("De meting van %(kpi)s op %(date)s is gewijzigd.")
                % {"kpi": kpi.code, "date": date_format(saved.measured_on, "j F Y")},
            )
            return redirect(reverse("analysis:kpi_detail", args=[kpi.code]) + "#metingen")
    return _measurement_page(request, kpi=kpi, form=form, title=_("Meting wijzigen"), measurement=measurement)
