"""Celery tasks of the advisory board's dashboards: thin, taking ids."""

from celery import shared_task

from analysis.models import DashboardPdf
from analysis.services.dashboard_pdf import dashboard_pdf_build
from analysis.services.mail import dashboard_published_mail_send
from analysis.tasks.jobs import PDF_TASK_OPTIONS, run_pdf_job


@shared_task(name="analysis.generate_dashboard_pdf", **PDF_TASK_OPTIONS)
def generate_dashboard_pdf(self, pdf_id: int) -> None:
    """Render a published dashboard to PDF from its frozen snapshot."""
    run_pdf_job(self, DashboardPdf, pdf_id, lambda: dashboard_pdf_build(pdf_id=pdf_id, task_id=self.request.id or ""))


@shared_task(name="analysis.mail_dashboard_published")
def mail_dashboard_published(dashboard_id: int) -> int:
    """Tell the board a dashboard was published; the number of messages sent."""
    return dashboard_published_mail_send(dashboard_id=dashboard_id)
