"""The pages of one half-yearly report: read, edit, its history and its attachments.

Every page is behind the access gate (`core.access.gate`): sign-in, role (403), the report
looked up among those the user may see (404), what the user may do with it (403), and only
then the method (405).
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.access import READ_WRITE, gate, visible_or_404
from core.audit import log_security_event
from interventions.forms.reports import ReportEditForms, SubmitConfirmForm
from interventions.models import Report, ReportAttachment, ReportItem
from interventions.permissions import reports as permissions
from interventions.selectors import reports as selectors
from interventions.selectors.report_checks import check_basis
from interventions.selectors.report_comments import comment_threads
from interventions.selectors.report_history import report_history
from interventions.services import report_problems as problems
from interventions.services import reports as services


def visible_report(request: HttpRequest, pk: int) -> Report:
    """The gate's loader: the report, if this user may see it at all; otherwise a 404."""
    return visible_or_404(selectors.report_detail_queryset(user=request.user), pk=pk)


def report_crumbs(report: Report, user, *last: tuple[str, str | None]) -> list:
    """The breadcrumbs of a report page: from the staff overview or from the municipality's workspace."""
    if permissions.can_review_reports(user):
        crumbs = [(_("Verslagen"), reverse("interventions:report_overview"))]
    elif permissions.can_use_workspace(user):
        crumbs = [(_("Mijn gemeente"), reverse("interventions:workspace"))]
    else:
        crumbs = []
    title = _("Verslag %(municipality)s, %(period)s") % {
        "municipality": report.municipality.name,
        "period": selectors.period_label(report.period),
    }
    if last:
        return [*crumbs, (title, report.get_absolute_url()), *last]
    return [*crumbs, (title, None)]


def abilities(user, report: Report) -> dict:
    """What the user may do with the report, for the buttons a page shows."""
    return {
        "edit": permissions.can_edit_report(user, report),
        "review": permissions.can_review_report(user, report),
        "reopen": permissions.can_reopen_report(user, report),
        "history": permissions.can_view_history(user, report),
        "staff": permissions.can_review_reports(user),
        "comment": permissions.can_comment_on_report(user, report),
    }


@gate(permissions.can_use_reports, load=visible_report)
def report_detail(request: HttpRequest, report: Report) -> HttpResponse:
    return render(
        request,
        "interventions/reports/detail.html",
        {
            "report": report,
            "can": abilities(request.user, report),
            "threads": comment_threads(report=report),
            "today": selectors.today(),
            "breadcrumbs": report_crumbs(report, request.user),
        },
    )


@gate(permissions.can_use_reports, methods=READ_WRITE, load=visible_report, allow=permissions.is_own_report)
@never_cache
def report_edit(request: HttpRequest, report: Report) -> HttpResponse:
    running = list(
        selectors.running_interventions(municipality=report.municipality).prefetch_related("protective_factors")
    )
    if request.method == "GET":
        if not permissions.can_edit_report(request.user, report):
            messages.info(request, problems.state_message(report.status, "save"))
            return redirect(report)
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
                needs=forms.report_form.cleaned_data["needs"],
                items=forms.item_changes(),
                add_files=[upload] if upload else [],
                remove_attachment_ids=[a.pk for a in forms.attachment_form.cleaned_data["remove"]],
            )
    except problems.ReportConflict as conflict:
        # Keep everything the person typed, but let the next save go through on purpose:
        # the form now carries the current revision.
        data = request.POST.copy()
        data["report-revision"] = str(conflict.current.revision)
        current = visible_report(request, report.pk)
        forms = ReportEditForms(report=current, running=running, data=data, files=request.FILES)
        forms.is_valid()
        return _edit_page(request, current, forms, status=409, conflict=conflict.changes, lost_upload=bool(upload))
    except problems.ReportStateError as error:
        forms.add_problems(error.problems)
        return _edit_page(request, report, forms, status=409, locked=True)
    except problems.ReportError as error:
        forms.add_problems(error.problems)
        return _edit_page(request, report, forms, status=400, lost_upload=bool(upload))
    if submit:
        # Handing in is a step of its own, after a summary; first say what still keeps it from going in.
        missing = services.submit_problems(saved)
        if not missing:
            return redirect("interventions:report_submit", pk=report.pk)
        data = request.POST.copy()
        data["report-revision"] = str(saved.revision)
        current = visible_report(request, report.pk)
        forms = ReportEditForms(report=current, running=running, data=data)
        forms.is_valid()
        forms.add_problems(missing)
        return _edit_page(request, current, forms, status=400, incomplete=True)
    messages.success(request, _("Het concept is opgeslagen."))
    return redirect("interventions:report_edit", pk=report.pk)


@gate(permissions.can_use_reports, methods=("POST",), load=visible_report, allow=permissions.is_own_report)
@never_cache
def report_autosave(request: HttpRequest, report: Report) -> JsonResponse:
    """Save the draft while it is typed (the edit page's script), at the revision the page holds.

    Attachments are left alone: a file is added or removed only by saving the form itself.
    The answer is JSON: the new revision for the page's next save, and a status sentence.
    """
    running = list(
        selectors.running_interventions(municipality=report.municipality).prefetch_related("protective_factors")
    )
    forms = ReportEditForms(report=report, running=running, data=request.POST)
    not_saved = _(
        "Niet automatisch opgeslagen: een veld is niet goed ingevuld. Klik op ‘Concept opslaan’ om te zien welk."
    )
    if not forms.is_valid():
        return JsonResponse({"saved": False, "status": not_saved}, status=400)
    try:
        with transaction.atomic():
            saved = services.report_save(
                report=report,
                by=request.user,
                revision=forms.revision,
                summary=forms.report_form.cleaned_data["summary"],
                needs=forms.report_form.cleaned_data["needs"],
                items=forms.item_changes(),
            )
    except problems.ReportConflict:
        status = _(
            "Niet automatisch opgeslagen: iemand anders heeft dit verslag intussen gewijzigd. "
            "Klik op ‘Concept opslaan’ om te zien wat er is veranderd."
        )
        return JsonResponse({"saved": False, "conflict": True, "status": status}, status=409)
    except problems.ReportStateError as error:
        return JsonResponse({"saved": False, "status": error.problems[0].message}, status=409)
    except problems.ReportError:
        return JsonResponse({"saved": False, "status": not_saved}, status=400)
    at = formats.time_format(timezone.localtime(), "H:i")
    return JsonResponse(
        {"saved": True, "revision": saved.revision, "status": _("Opgeslagen om %(time)s") % {"time": at}}
    )


@gate(permissions.can_use_reports, methods=READ_WRITE, load=visible_report, allow=permissions.is_own_report)
@never_cache
def report_submit(request: HttpRequest, report: Report) -> HttpResponse:
    """The summary of the report as saved, and the one button that hands it in."""
    if not permissions.can_submit_report(request.user, report):
        messages.info(request, problems.state_message(report.status, "submit"))
        return redirect(report)
    if request.method == "GET":
        return _submit_page(request, report, SubmitConfirmForm(initial={"revision": report.revision}))
    form = SubmitConfirmForm(request.POST)
    if not form.is_valid():
        return _submit_page(request, report, SubmitConfirmForm(initial={"revision": report.revision}), status=400)
    try:
        services.report_submit(report=report, by=request.user, revision=form.cleaned_data["revision"])
    except problems.ReportConflict as conflict:
        # Summarise again what is saved now; it is handed in only when confirmed once more.
        current = visible_report(request, report.pk)
        fresh = SubmitConfirmForm(initial={"revision": current.revision})
        return _submit_page(request, current, fresh, status=409, conflict=conflict.changes)
    except problems.ReportStateError as error:
        messages.info(request, error.problems[0].message)
        return redirect(report)
    except problems.ReportError as error:
        return _submit_page(request, report, form, status=400, problems=error.problems)
    messages.success(request, _("Het verslag is ingediend. De programmastaf beoordeelt het."))
    return redirect(report)


def _submit_page(request, report: Report, form: SubmitConfirmForm, *, status: int = 200, **extra) -> HttpResponse:
    found = extra.pop("problems", None)
    if found is None:
        found = services.submit_problems(report)
    context = {
        "report": report,
        "form": form,
        "totals": selectors.report_totals(report),
        "problems": _problem_links(report, found),
        "breadcrumbs": report_crumbs(report, request.user, (_("Indienen"), None)),
        **extra,
    }
    return render(request, "interventions/reports/submit.html", context, status=status)


def _problem_links(report: Report, found) -> list[tuple[str, str]]:
    """(message, link to the field on the edit page) for each problem that keeps the report from going in."""
    edit_url = reverse("interventions:report_edit", kwargs={"pk": report.pk})
    names = {item.intervention_id: item.intervention.name for item in report.items.all()}
    links = []
    for problem in found:
        if problem.intervention_id in names and problem.field:
            label = capfirst(ReportItem._meta.get_field(problem.field).verbose_name)
            message = f"{names[problem.intervention_id]}: {label}: {problem.message}"
            links.append((message, f"{edit_url}#id_item-{problem.intervention_id}-{problem.field}"))
        else:
            links.append((problem.message, edit_url))
    return links


def _edit_page(request, report: Report, forms: ReportEditForms, *, status: int = 200, **extra) -> HttpResponse:
    budget = selectors.budget_for_year(
        municipality=report.municipality, year=report.period.year, exclude_report_id=report.pk
    )
    forms.attach_flags(check_basis(report=report, grants=budget.grants if budget else []))
    context = {
        "report": report,
        "forms": forms,
        "errors": forms.error_list(),
        "budget": budget,
        "threads": comment_threads(report=report),
        "breadcrumbs": report_crumbs(report, request.user, (_("Bewerken"), None)),
        **extra,
    }
    return render(request, "interventions/reports/edit.html", context, status=status)


def _report_for_history(request: HttpRequest, pk: int) -> Report:
    return visible_or_404(
        selectors.reports_visible_to(user=request.user).select_related("municipality", "period"), pk=pk
    )


@gate(permissions.can_use_reports, load=_report_for_history, allow=permissions.can_view_history)
def report_history_view(request: HttpRequest, report: Report) -> HttpResponse:
    return render(
        request,
        "interventions/reports/history.html",
        {
            "report": report,
            "groups": report_history(report=report),
            "breadcrumbs": report_crumbs(report, request.user, (_("Geschiedenis"), None)),
        },
    )


def _visible_attachment(request: HttpRequest, pk: int) -> ReportAttachment:
    return visible_or_404(selectors.attachments_visible_to(user=request.user), pk=pk)


@gate(permissions.can_use_reports, load=_visible_attachment)
def attachment_download(request: HttpRequest, attachment: ReportAttachment) -> FileResponse:
    """The only way to an uploaded file: /media/ is never served."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    log_security_event(
        "download.attachment",
        request=request,
        attachment=attachment.pk,
        report=attachment.report_id,
        name=attachment.original_name,
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
