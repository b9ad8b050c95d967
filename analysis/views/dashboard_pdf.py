"""The PDF of a published dashboard: ask for it, follow its progress, download it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from analysis.models import Dashboard, DashboardPdf
from analysis.permissions import dashboards as permissions
from analysis.selectors import dashboards as selectors
from analysis.services import dashboard_pdf as services
from analysis.services import rendering
from analysis.views import refuse_other_methods


def _dashboard(request: HttpRequest, pk: int) -> Dashboard:
    if not permissions.can_view_dashboards(request.user):
        raise PermissionDenied
    dashboard = selectors.dashboard_get(user=request.user, pk=pk)
    if dashboard is None or not permissions.can_download_dashboard_pdf(request.user, dashboard):
        raise Http404
    return dashboard


def latest_pdf(dashboard: Dashboard, language: str) -> DashboardPdf | None:
    return DashboardPdf.objects.filter(dashboard=dashboard, language=language).order_by("-requested_at").first()


def pdf_context(dashboard: Dashboard, job: DashboardPdf | None) -> dict:
    unfinished = job is not None and job.status in (DashboardPdf.Status.QUEUED, DashboardPdf.Status.RUNNING)
    return {
        "dashboard": dashboard,
        "can_download_pdf": True,
        "pdf_job": job,
        "pdf_stage": rendering.stage_label(job) if job else "",
        "pdf_unfinished": unfinished,
        "pdf_state": f"{job.status}:{job.stage}:{job.progress}" if job else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def dashboard_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """POST asks for the PDF (or finds the one already made); GET answers the progress fragment."""
    dashboard = _dashboard(request, pk)
    language = (get_language() or "nl")[:2]
    if request.method == "POST":
        try:
            services.dashboard_pdf_request(dashboard=dashboard, by=request.user, language=language)
        except ValidationError:
            raise Http404 from None
        return redirect(reverse("analysis:dashboard_detail", args=[dashboard.pk]) + "#pdf")
    context = pdf_context(dashboard, latest_pdf(dashboard, language))
    if not request.headers.get("HX-Request"):
        return redirect(reverse("analysis:dashboard_detail", args=[dashboard.pk]) + "#pdf")
    if request.GET.get("state") == context["pdf_state"]:
        return HttpResponse(status=204)
    return render(request, "analysis/dashboards/_pdf.html", context)


@login_required
def dashboard_pdf_download(request: HttpRequest, pk: int, pdf_pk: int) -> FileResponse:
    dashboard = _dashboard(request, pk)
    job = DashboardPdf.objects.filter(pk=pdf_pk, dashboard=dashboard, status=DashboardPdf.Status.DONE).first()
    if job is None or not job.pdf:
        raise Http404
    if refused := refuse_other_methods(request, "GET"):
        return refused
    try:
        handle = job.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"dashboard-{dashboard.year}-h{dashboard.half}-v{dashboard.version}.pdf"
    return FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=filename)
