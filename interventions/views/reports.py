"""Pages for half-yearly reporting: parse, check permission, call a service or selector, render.

Order of checks on every page, the same for every HTTP method:
1. not signed in -> the login page;
2. a role that has nothing to do with the page -> 403;
3. the object is looked up in a queryset scoped to the user, so another
   municipality's report is a 404, exactly like one that does not exist;
4. what this user may do with this object (e.g. staff cannot edit) -> 403;
5. only then the method: anything else than the page handles -> 405.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from rest_framework.authtoken.models import Token

from interventions.exports import reports as exports
from interventions.filters.reports import ReportFilter
from interventions.forms.reports import (
    ReopenForm,
    ReportCreateForm,
    ReportEditForms,
    ReviewForm,
    TokenForm,
    problems_to_form,
)
from interventions.models import Report
from interventions.permissions import reports as permissions
from interventions.selectors import reports as selectors
from interventions.selectors.report_history import report_history
from interventions.services import reports as services
from municipalities.selectors import municipality_for_user

OVERVIEW_PAGE_SIZE = 50


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


class _MethodNotAllowed(Exception):
    def __init__(self, methods: tuple[str, ...]):
        self.methods = methods


def _allow(request: HttpRequest, *methods: str) -> None:
    """Checked after permissions and lookup, so refusals look the same whatever the method."""
    if request.method not in methods:
        raise _MethodNotAllowed(methods)


def signed_in(view):
    """login_required, plus the 405 answer for a method the page does not handle."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _MethodNotAllowed as refused:
            return HttpResponseNotAllowed(refused.methods)

    return login_required(wrapper)


def _report_crumbs(report: Report, user, *last: tuple[str, str | None]) -> list:
    if permissions.may_review(user):
        crumbs = [(_("Verslagen"), reverse("interventions:report_overview"))]
    elif permissions.may_use_workspace(user):
        crumbs = [(_("Mijn gemeente"), reverse("interventions:workspace"))]
    else:
        crumbs = []
    title = _("Verslag %(municipality)s, %(period)s") % {
        "municipality": report.municipality.name,
        "period": selectors.period_label(report.period),
    }
    if last:
        return [*crumbs, (title, reverse("interventions:report_detail", args=[report.pk])), *last]
    return [*crumbs, (title, None)]


def _abilities(user, report: Report) -> dict:
    return {
        "edit": permissions.can_edit_report(user, report),
        "review": permissions.can_review_report(user, report),
        "reopen": permissions.can_reopen_report(user, report),
        "history": permissions.can_view_history(user, report),
        "staff": permissions.may_review(user),
    }


# The municipality's workspace ------------------------------------------------


@signed_in
def workspace(request: HttpRequest) -> HttpResponse:
    _require(permissions.may_use_workspace(request.user))
    _allow(request, "GET")
    municipality = municipality_for_user(user=request.user)
    if municipality is None:
        return render(request, "interventions/reports/no_municipality.html")
    data = selectors.workspace(municipality=municipality, on=selectors.today())
    return render(
        request,
        "interventions/reports/workspace.html",
        {"workspace": data, "today": selectors.today(), "breadcrumbs": [(_("Mijn gemeente"), None)]},
    )


@signed_in
def report_create(request: HttpRequest) -> HttpResponse:
    _require(permissions.may_use_workspace(request.user))
    _allow(request, "GET", "POST")
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
            except services.ReportError as error:
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


# One report --------------------------------------------------------------------


@signed_in
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.may_use_reports(request.user))
    report = get_object_or_404(selectors.report_detail_queryset(user=request.user), pk=pk)
    _allow(request, "GET")
    return render(
        request,
        "interventions/reports/detail.html",
        {
            "report": report,
            "can": _abilities(request.user, report),
            "today": selectors.today(),
            "breadcrumbs": _report_crumbs(report, request.user),
        },
    )


@signed_in
@never_cache
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.may_use_reports(request.user))
    report = get_object_or_404(selectors.report_detail_queryset(user=request.user), pk=pk)
    _require(permissions.is_own_report(request.user, report))
    _allow(request, "GET", "POST")
    running = list(
        selectors.running_interventions(municipality=report.municipality).prefetch_related("protective_factors")
    )
    if request.method == "GET":
        if not permissions.can_edit_report(request.user, report):
            messages.info(request, services.state_message(report.status, "save"))
            return redirect("interventions:report_detail", pk=report.pk)
        return _edit_page(request, report, ReportEditForms(report=report, running=running))

    forms = ReportEditForms(report=report, running=running, data=request.POST, files=request.FILES)
    if not forms.is_valid():
        return _edit_page(request, report, forms, status=400, lost_upload=bool(request.FILES))
    submit = request.POST.get("action") == "submit"
    upload = forms.attachment_form.cleaned_data.get("file")
    try:
        with transaction.atomic():
            saved = services.report_save(
                report=report,
                by=request.user,
                revision=forms.revision,
                summary=forms.report_form.cleaned_data["summary"],
                items=forms.item_changes(),
                add_files=[upload] if upload else [],
                remove_attachment_ids=[a.pk for a in forms.attachment_form.cleaned_data["remove"]],
            )
            if submit:
                services.report_submit(report=saved, by=request.user, revision=saved.revision)
    except services.ReportConflict as conflict:
        # Keep everything the person typed, but let the next save go through on purpose:
        # the form now carries the current revision.
        data = request.POST.copy()
        data["report-revision"] = str(conflict.current.revision)
        current = get_object_or_404(selectors.report_detail_queryset(user=request.user), pk=pk)
        forms = ReportEditForms(report=current, running=running, data=data, files=request.FILES)
        forms.is_valid()
        return _edit_page(request, current, forms, status=409, conflict=conflict.changes, lost_upload=bool(upload))
    except services.ReportStateError as error:
        forms.add_problems(error.problems)
        return _edit_page(request, report, forms, status=409, locked=True)
    except services.ReportError as error:
        forms.add_problems(error.problems)
        return _edit_page(request, report, forms, status=400, lost_upload=bool(upload))
    if submit:
        messages.success(request, _("Het verslag is ingediend. De programmastaf beoordeelt het."))
        return redirect("interventions:report_detail", pk=report.pk)
    messages.success(request, _("Het concept is opgeslagen."))
    return redirect("interventions:report_edit", pk=report.pk)


def _edit_page(request, report: Report, forms: ReportEditForms, *, status: int = 200, **extra) -> HttpResponse:
    context = {
        "report": report,
        "forms": forms,
        "errors": forms.error_list(),
        "budget": selectors.budget_for_year(
            municipality=report.municipality, year=report.period.year, exclude_report_id=report.pk
        ),
        "breadcrumbs": _report_crumbs(report, request.user, (_("Bewerken"), None)),
        **extra,
    }
    return render(request, "interventions/reports/edit.html", context, status=status)


@signed_in
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.may_use_reports(request.user))
    report = get_object_or_404(selectors.report_detail_queryset(user=request.user), pk=pk)
    _require(permissions.may_review(request.user))
    _allow(request, "GET", "POST")
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
            except services.ReportStateError as error:
                problems_to_form(form, error.problems)
                status = 409
            except services.ReportError as error:
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
            "can": _abilities(request.user, report),
            "review_form": review_form,
            "reopen_form": reopen_form,
            "today": selectors.today(),
            "breadcrumbs": _report_crumbs(report, request.user, (_("Beoordelen"), None)),
        },
        status=status,
    )


@signed_in
def report_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.may_use_reports(request.user))
    report = get_object_or_404(
        selectors.reports_visible_to(user=request.user).select_related("municipality", "period"), pk=pk
    )
    _require(permissions.can_view_history(request.user, report))
    _allow(request, "GET")
    return render(
        request,
        "interventions/reports/history.html",
        {
            "report": report,
            "groups": report_history(report=report),
            "breadcrumbs": _report_crumbs(report, request.user, (_("Geschiedenis"), None)),
        },
    )


@signed_in
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The only way to an uploaded file: /media/ is never served."""
    _require(permissions.may_use_reports(request.user))
    attachment = get_object_or_404(selectors.attachments_visible_to(user=request.user), pk=pk)
    _allow(request, "GET")
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Staff: overview, exports, SiSa, API tokens ----------------------------------------


def _overview(request: HttpRequest):
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
    overview = selectors.report_overview(
        user=request.user,
        reports=filterset.qs.filter(period=period),
        period=period,
        filters=filterset.form.cleaned_data,
        on=on,
    )
    return overview, filterset


@signed_in
def report_overview(request: HttpRequest) -> HttpResponse:
    _require(permissions.may_review(request.user))
    _allow(request, "GET")
    overview, filterset = _overview(request)
    page = Paginator(overview.rows if overview else [], OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/reports/overview.html",
        {
            "overview": overview,
            "filterset": filterset,
            "page_obj": page,
            "query": _query_without_page(request),
            "breadcrumbs": [(_("Verslagen"), None)],
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    data = request.GET.copy()
    data.pop("page", None)
    return data.urlencode()


@signed_in
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require(permissions.may_review(request.user))
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _allow(request, "GET")
    overview, _filterset = _overview(request)
    rows = overview.rows if overview else []
    header, body = exports.overview_table(rows)
    name = f"verslagen-{overview.period}" if overview else "verslagen"
    return _file_response(header, body, fmt=fmt, name=name, title=_("Verslagen"))


@signed_in
def sisa_summary(request: HttpRequest) -> HttpResponse:
    _require(permissions.may_review(request.user))
    _allow(request, "GET")
    years = selectors.sisa_years()
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
            "rows": selectors.sisa_summary(year=year) if years else [],
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (_("SiSa-overzicht"), None),
            ],
        },
    )


@signed_in
def sisa_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    _require(permissions.may_review(request.user))
    if fmt not in ("csv", "xlsx") or year not in selectors.sisa_years():
        raise Http404
    _allow(request, "GET")
    header, body = exports.sisa_table(selectors.sisa_summary(year=year))
    return _file_response(header, body, fmt=fmt, name=f"sisa-{year}", title=f"SiSa {year}")


def _file_response(header, body, *, fmt: str, name: str, title: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(header, body), content_type=exports.CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(exports.to_xlsx(header, body, title=title), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@signed_in
@never_cache
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Staff give a municipality's own system a token for the API; the key is shown once."""
    _require(permissions.may_review(request.user))
    _allow(request, "GET", "POST")
    new_token = None
    status = 200
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.cleaned_data["user"]
            Token.objects.filter(user=user).delete()
            new_token = Token.objects.create(user=user)
            form = TokenForm()
        else:
            status = 400
    users = form.fields["user"].queryset.select_related("auth_token").prefetch_related("memberships__municipality")
    return render(
        request,
        "interventions/reports/api_tokens.html",
        {
            "form": form,
            "users": users.order_by("username"),
            "new_token": new_token,
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (_("API-toegang voor gemeenten"), None),
            ],
        },
        status=status,
    )
