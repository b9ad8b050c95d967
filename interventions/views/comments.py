"""The comment thread of a report: staff comment on the report or on one row, the municipality replies."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import READ_WRITE, User, gate
from interventions.forms.comments import ReportCommentForm
from interventions.forms.reports import problems_to_form
from interventions.models import Report
from interventions.permissions import reports as permissions
from interventions.services import report_comments as services
from interventions.services import report_problems as problems
from interventions.views.reports import report_crumbs, visible_report


def comment_anchor(intervention_id: int | None) -> str:
    """Where a comment shows on the report's pages: at its row, or with the report's own comments."""
    return f"item-{intervention_id}-comments" if intervention_id else "comments-title"


def _back_to(user: User, report: Report, intervention_id: int | None) -> str:
    name = "interventions:report_review" if permissions.can_review_reports(user) else "interventions:report_detail"
    return f"{reverse(name, args=[report.pk])}#{comment_anchor(intervention_id)}"


@gate(permissions.can_use_reports, methods=READ_WRITE, load=visible_report, allow=permissions.can_comment_on_report)
def report_comment(request: HttpRequest, report: Report) -> HttpResponse:
    """The pages have a small form at every row; this page is where it posts, and its full form."""
    status = 200
    if request.method == "POST":
        form = ReportCommentForm(request.POST, report=report)
        if form.is_valid():
            intervention_id = form.cleaned_data["intervention"]
            try:
                services.report_comment_add(
                    report=report, by=request.user, text=form.cleaned_data["text"], intervention_id=intervention_id
                )
            except problems.ReportError as error:
                problems_to_form(form, error.problems)
            else:
                messages.success(request, _("Uw opmerking is geplaatst."))
                return redirect(_back_to(request.user, report, intervention_id))
        status = 400
    else:
        form = ReportCommentForm(report=report, initial={"intervention": request.GET.get("interventie", "")})
    return render(
        request,
        "interventions/reports/comment.html",
        {
            "report": report,
            "form": form,
            "breadcrumbs": report_crumbs(report, request.user, (_("Opmerking plaatsen"), None)),
        },
        status=status,
    )
