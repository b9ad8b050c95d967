"""Periodic upkeep of the PDF jobs: thin, each calls one service."""

from celery import shared_task

from analysis.models import AnnualAnalysis, DashboardPdf
from analysis.services import rendering


@shared_task(name="analysis.give_up_stalled_pdf_jobs")
def give_up_stalled_pdf_jobs() -> int:
    """Every few minutes (see CELERY_BEAT_SCHEDULE): fail, with the reason, the PDF jobs that will not finish."""
    return sum(rendering.give_up_stalled(model) for model in (DashboardPdf, AnnualAnalysis))
