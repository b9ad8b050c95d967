"""Downloads of reports: the staff overview as CSV or Excel, the SiSa summary, and the report items
at item level (staff: every report; a municipality: its own)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import gate
from core.audit import log_security_event
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, export_response, file_format, to_csv, xlsx_bytes
from interventions.exports import reports as exports
from interventions.exports.items import item_columns
from interventions.filters.reports import ReportFilter
from interventions.permissions import reports as permissions
from interventions.selectors import report_items, sisa
from interventions.selectors import reports as selectors
from interventions.views.review import filtered_overview

FORMATS = ("csv", "xlsx")


def _file_format(request: HttpRequest, fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


@gate(permissions.can_review_reports, load=_file_format)
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    overview, _filterset = filtered_overview(request)
    rows = overview.rows if overview else []
    header, body = exports.overview_table(rows)
    name = f"verslagen-{overview.period}" if overview else "verslagen"
    log_security_event(
        f"export.{fmt}", request=request, export="reports", rows=len(body), query=request.GET.urlencode()
    )
    return _file_response(header, body, fmt=fmt, name=name, title=_("Verslagen"))


@gate(permissions.can_export_report_items, load=file_format)
def report_item_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """One row per report item, with the report overview's filters; only reports the user may see."""
    filterset = ReportFilter(request.GET, queryset=report_items.report_export_base(user=request.user))
    if not filterset.is_valid():
        # The page with the filter says what is wrong with it; a municipality has no such filter.
        page = (
            "interventions:report_overview"
            if permissions.can_review_reports(request.user)
            else "interventions:workspace"
        )
        query = request.GET.urlencode()
        return redirect(reverse(page) + (f"?{query}" if query else ""))
    reports = filterset.qs
    factors = report_items.rated_factors(reports=reports)
    period = filterset.form.cleaned_data.get("period")
    return export_response(
        request,
        fmt=fmt,
        columns=item_columns(factors),
        rows=report_items.report_item_rows(reports=reports, factors=factors),
        name=f"verslagregels-{period}" if period else "verslagregels",
        title=_("Verslagregels"),
        export="report_items",
    )


@gate(permissions.can_review_reports)
def sisa_summary(request: HttpRequest) -> HttpResponse:
    years = sisa.sisa_years()
    on = selectors.today()
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        year = next((y for y in years if y < on.year), years[-1] if years else on.year)
    if years and year not in years:
        year = years[0]
    return render(
        request,
        "interventions/reports/sisa.html",
        {
            "year": year,
            "years": years,
            "rows": sisa.sisa_summary(year=year) if years else [],
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (_("SiSa-overzicht"), None),
            ],
        },
    )


def _sisa_file(request: HttpRequest, year: int, fmt: str) -> tuple[int, str]:
    if fmt not in FORMATS or year not in sisa.sisa_years():
        raise Http404
    return year, fmt


@gate(permissions.can_review_reports, load=_sisa_file)
def sisa_export(request: HttpRequest, file: tuple[int, str]) -> HttpResponse:
    year, fmt = file
    header, body = exports.sisa_table(sisa.sisa_summary(year=year))
    log_security_event(f"export.{fmt}", request=request, export="sisa", year=year, rows=len(body))
    return _file_response(header, body, fmt=fmt, name=f"sisa-{year}", title=f"SiSa {year}")


def _file_response(header, body, *, fmt: str, name: str, title: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(to_csv(header, body), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(xlsx_bytes(header, body, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
