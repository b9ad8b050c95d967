"""Celery task of the annual analysis: thin, taking an id."""

from celery import shared_task

from analysis.models import AnnualAnalysis
from analysis.services.annual import analysis_build
from analysis.tasks.jobs import PDF_TASK_OPTIONS, run_pdf_job


@shared_task(name="analysis.generate_annual_analysis", **PDF_TASK_OPTIONS)
def generate_annual_analysis(self, analysis_id: int) -> None:
    """Build one version of the annual analysis; a version that is done already is left alone."""
    run_pdf_job(
        self,
        AnnualAnalysis,
        analysis_id,
        lambda: analysis_build(analysis_id=analysis_id, task_id=self.request.id or ""),
    )
