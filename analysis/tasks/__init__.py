"""Celery tasks of the analysis app: thin, taking ids, safe to run twice; each calls one service.

Celery's autodiscovery imports ``analysis.tasks``, so every task is imported here and
every worker knows it. The names given to ``shared_task`` are what queued jobs refer
to: they never change.
"""

from analysis.tasks.advice import notify_advice_given, notify_advice_message
from analysis.tasks.annual import generate_annual_analysis
from analysis.tasks.dashboards import generate_dashboard_pdf, mail_dashboard_published
from analysis.tasks.housekeeping import give_up_stalled_pdf_jobs
from analysis.tasks.jobs import retry_delay

__all__ = [
    "generate_annual_analysis",
    "generate_dashboard_pdf",
    "give_up_stalled_pdf_jobs",
    "mail_dashboard_published",
    "notify_advice_given",
    "notify_advice_message",
    "retry_delay",
]
