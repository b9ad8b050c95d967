"""Staff work on reports: the overview and reviewing one report."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import READ_WRITE, User, gate
from core.exports import export_links
from interventions.filters.reports import ReportFilter
from interventions.forms.reports import (
    ReopenForm,
    ReviewForm,
    problems_to_form,
)
from interventions.models import Report
from interventions.permissions import reports as permissions
from interventions.selectors import report_overview as overviews
from interventions.selectors import reports as selectors
from interventions.selectors.report_comments import comment_threads
from interventions.selectors.report_history import changes_since_return
from interventions.services import report_problems as problems
from interventions.services import reports as services
from interventions.views.reports import abilities, report_crumbs, visible_report
from municipalities.filters import offer_only

OVERVIEW_PAGE_SIZE = 50


def filtered_overview(request: HttpRequest):
    """The filtered overview (None when no reporting period exists yet) and its FilterSet."""
    on = selectors.today()
    data = request.GET.copy()
    default = selectors.default_overview_period(on=on)
    if default is None:
        return None, ReportFilter(data, queryset=Report.objects.none())
    if not data.get("period"):
        data["period"] = str(default.pk)
    filterset = ReportFilter(data, queryset=selectors.report_list(user=request.user))
    filterset.is_valid()
    # An unknown period shows an error on the filter and falls back to the default period.
    period = filterset.form.cleaned_data.get("period") or default
    # The municipalities that report on this period (a grant in its year, or a report), not all 342.
    offer_only(filterset, "municipality", selectors.municipalities_of_period(period=period))
    overview = overviews.report_overview(
        user=request.user,
        reports=filterset.qs.filter(period=period),
        period=period,
        filters=filterset.form.cleaned_data,
        on=on,
    )
    return overview, filterset


@gate(permissions.can_review_reports)
def report_overview(request: HttpRequest) -> HttpResponse:
    overview, filterset = filtered_overview(request)
    page = Paginator(overview.rows if overview else [], OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/reports/overview.html",
        {
            "overview": overview,
            "filterset": filterset,
            "page_obj": page,
            "query": _query_without_page(request),
            "item_export": _item_export_links(request, overview),
            "breadcrumbs": [(_("Verslagen"), None)],
        },
    )


def _item_export_links(request: HttpRequest, overview) -> dict | None:
    """The item export of the reports on the page: its filters, and the period it shows even when not chosen."""
    if overview is None:
        return None
    query = {key: value for key, value in request.GET.items() if key != "page"}
    return export_links(request, "interventions:report_item_export", query={**query, "period": overview.period.pk})


def _query_without_page(request: HttpRequest) -> str:
    data = request.GET.copy()
    data.pop("page", None)
    return data.urlencode()


def _staff(user: User, report: Report) -> bool:
    return permissions.can_review_reports(user)


@gate(permissions.can_use_reports, methods=READ_WRITE, load=visible_report, allow=_staff)
def report_review(request: HttpRequest, report: Report) -> HttpResponse:
    review_form, reopen_form = ReviewForm(), ReopenForm()
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        form = ReopenForm(request.POST) if which == "reopen" else ReviewForm(request.POST)
        if which == "reopen":
            reopen_form = form
        else:
            review_form = form
        if form.is_valid():
            try:
                if which == "reopen":
                    services.report_reopen(report=report, by=request.user, reason=form.cleaned_data["reason"])
                    done = _("Het verslag is heropend; de gemeente kan het weer aanpassen.")
                elif form.cleaned_data["decision"] == "return":
                    services.report_return(report=report, by=request.user, comment=form.cleaned_data["comment"])
                    done = _("Het verslag is teruggestuurd naar de gemeente.")
                else:
                    services.report_accept(report=report, by=request.user, comment=form.cleaned_data["comment"])
                    done = _("Het verslag is geaccepteerd.")
            except problems.ReportStateError as error:
                problems_to_form(form, error.problems)
                status = 409
            except problems.ReportError as error:
                problems_to_form(form, error.problems)
                status = 400
            else:
                messages.success(request, done)
                return redirect("interventions:report_review", pk=report.pk)
        else:
            status = 400
    return render(
        request,
        "interventions/reports/review.html",
        {
            "report": report,
            "can": abilities(request.user, report),
            "review_form": review_form,
            "reopen_form": reopen_form,
            "threads": comment_threads(report=report),
            # Only a report waiting for a decision opens with what changed since it was returned.
            "return_changes": changes_since_return(report=report) if report.status == Report.Status.SUBMITTED else None,
            "today": selectors.today(),
            "breadcrumbs": report_crumbs(report, request.user, (_("Beoordelen"), None)),
        },
        status=status,
    )
