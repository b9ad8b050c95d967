"""Writes of the dashboard PDF: ask for one, build it from the frozen snapshot.

The same pipeline as the annual analysis (``analysis.services.rendering``, a Celery
task, WeasyPrint in ``analysis.pdf``). A published dashboard never changes, so one
finished PDF per dashboard and language is enough: asking again returns it.
"""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from analysis.display.dashboard import dashboard_content
from analysis.display.format import dashboard_title
from analysis.models import Dashboard, DashboardPdf
from analysis.selectors.dashboards import previous_of
from analysis.services import rendering

TEMPLATE = "analysis/dashboards/pdf.html"


def dashboard_pdf_request(*, dashboard: Dashboard, by: User, language: str = "nl") -> DashboardPdf:
    """The PDF of a published dashboard in a language: the finished or running one, else a new job.

    A job that waited too long for a worker, or lost it, is given up with its reason and replaced.
    """
    if dashboard.status != Dashboard.Status.PUBLISHED:
        raise ValidationError(
            gettext("Alleen een gepubliceerd dashboard kan als PDF worden gedownload."), code="not_published"
        )
    language = language if language in ("nl", "en") else "nl"
    with transaction.atomic():
        Dashboard.objects.select_for_update().filter(pk=dashboard.pk).first()
        existing = (
            DashboardPdf.objects.filter(dashboard=dashboard, language=language)
            .exclude(status=DashboardPdf.Status.FAILED)
            .order_by("-requested_at")
            .first()
        )
        if existing is not None:
            existing = rendering.give_up_if_stalled(existing)
        if existing is not None and existing.status != DashboardPdf.Status.FAILED:
            return existing
        job = DashboardPdf.objects.create(
            dashboard=dashboard, language=language, requested_by=by, stage=rendering.Stage.QUEUED, progress=0
        )
        from analysis.tasks import generate_dashboard_pdf

        rendering.enqueue(generate_dashboard_pdf, job.pk)
    return job


def dashboard_pdf_retry(*, job: DashboardPdf) -> DashboardPdf:
    if not rendering.can_retry(job):
        raise ValidationError(gettext("Alleen een mislukte PDF kan opnieuw worden gemaakt."), code="not_failed")
    with transaction.atomic():
        job = rendering.reset_for_retry(job)
        from analysis.tasks import generate_dashboard_pdf

        rendering.enqueue(generate_dashboard_pdf, job.pk)
    return job


def render_dashboard_html(dashboard: Dashboard, *, language: str) -> tuple[str, str]:
    """The HTML of a published dashboard's PDF and its title, from the frozen snapshots only."""
    previous = previous_of(dashboard)
    with translation.override(language):
        content = dashboard_content(_frozen(dashboard), previous.snapshot if previous else None)
        title = dashboard_title(dashboard)
        html = render_to_string(
            TEMPLATE,
            {
                **content,
                "dashboard": dashboard,
                "title": title,
                "previous_title": dashboard_title(previous) if previous else "",
                "published_on": timezone.localdate(dashboard.published_at),
                "portfolio_tables": [
                    (gettext("Bewijskracht (erkenningsniveau)"), content["portfolio"].evidence),
                    (gettext("Fase van ontwikkeling"), content["portfolio"].stages),
                    (gettext("Evaluaties"), content["portfolio"].evaluations),
                ],
            },
        )
    return html, title


def dashboard_pdf_build(*, pdf_id: int, task_id: str = "") -> DashboardPdf | None:
    job = rendering.start(DashboardPdf, pdf_id, task_id=task_id)
    if job is None:
        return None
    dashboard = Dashboard.objects.select_related("programme").get(pk=job.dashboard_id)
    rendering.set_stage(job, rendering.Stage.COMPOSE)
    html, title = render_dashboard_html(dashboard, language=job.language)
    rendering.set_stage(job, rendering.Stage.RENDER)
    from analysis.pdf import render_pdf

    created = datetime.datetime.combine(
        datetime.date.fromisoformat(_frozen(dashboard)["as_of"]), datetime.time(12, 0), tzinfo=datetime.UTC
    )
    pdf = render_pdf(html, title=title, language=job.language, created=created)
    return rendering.store_pdf(
        job,
        content=pdf.content,
        name=f"dashboards/dashboard-{dashboard.year}-h{dashboard.half}-v{dashboard.version}-{job.language}.pdf",
        page_count=pdf.page_count,
        gaps=[],
    )


def _frozen(dashboard: Dashboard) -> dict:
    """The data a published dashboard was frozen with."""
    # Publishing freezes the data; only a published dashboard gets a PDF.
    assert dashboard.snapshot is not None
    return dashboard.snapshot
