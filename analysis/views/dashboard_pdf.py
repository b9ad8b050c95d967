"""The PDF of a published dashboard: ask for it, follow its progress, download it."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from analysis.models import Dashboard, DashboardPdf
from analysis.permissions import dashboards as permissions
from analysis.selectors import dashboards as selectors
from analysis.services import dashboard_pdf as services
from analysis.services import rendering
from core.access import READ_WRITE, gate
from core.audit import log_security_event


def _pdf_dashboard(request: HttpRequest, pk: int) -> Dashboard:
    """A dashboard with a PDF the user may read; a draft has none, so it is a 404 for staff too."""
    dashboard = selectors.dashboard_get(user=request.user, pk=pk)
    if dashboard is None or not permissions.can_download_dashboard_pdf(request.user, dashboard):
        raise Http404
    return dashboard


def _finished_pdf(request: HttpRequest, pk: int, pdf_pk: int) -> DashboardPdf:
    dashboard = _pdf_dashboard(request, pk)
    job = selectors.finished_pdf(dashboard=dashboard, pk=pdf_pk)
    if job is None or not job.pdf:
        raise Http404
    job.dashboard = dashboard  # already read: no second query
    return job


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


@gate(permissions.can_view_dashboards, methods=READ_WRITE, load=_pdf_dashboard)
def dashboard_pdf(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    """POST asks for the PDF (or finds the one already made); GET answers the progress fragment."""
    language = (get_language() or "nl")[:2]
    if request.method == "POST":
        try:
            services.dashboard_pdf_request(dashboard=dashboard, by=request.user, language=language)
        except ValidationError:
            raise Http404 from None
        return redirect(dashboard.get_absolute_url() + "#pdf")
    context = pdf_context(dashboard, selectors.latest_pdf(dashboard=dashboard, language=language))
    if not request.headers.get("HX-Request"):
        return redirect(dashboard.get_absolute_url() + "#pdf")
    if request.GET.get("state") == context["pdf_state"]:
        return HttpResponse(status=204)
    return render(request, "analysis/dashboards/_pdf.html", context)


@gate(permissions.can_view_dashboards, load=_finished_pdf)
def dashboard_pdf_download(request: HttpRequest, job: DashboardPdf) -> FileResponse:
    dashboard = job.dashboard
    try:
        handle = job.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"dashboard-{dashboard.year}-h{dashboard.half}-v{dashboard.version}.pdf"
    log_security_event("download.pdf", request=request, dashboard=dashboard.pk, pdf=job.pk, name=filename)
    return FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=filename)
