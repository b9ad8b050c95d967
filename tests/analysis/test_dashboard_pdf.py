"""A published dashboard as a PDF, through the same Celery and WeasyPrint pipeline as the annual analysis."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from analysis.models import DashboardPdf
from analysis.services.dashboard_pdf import dashboard_pdf_request
from analysis.services.dashboards import dashboard_publish
from tests.analysis.pdf_text import pdf_text
from tests.factories import DashboardFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(users, programme):
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 3, 1))
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)


def test_a_published_dashboard_renders_to_a_pdf_of_its_frozen_figures(
    published, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = dashboard_pdf_request(dashboard=published, by=users["dave"])
    job.refresh_from_db()
    assert job.status == "done", job.error
    text = " ".join(pdf_text(Path(job.pdf.path), layout=False).split())
    assert "Dashboard eerste halfjaar 2024" in text
    assert published.content_hash in text
    k05 = next(k for k in published.snapshot["kpis"] if k["code"] == "K05")
    assert f"K05 {k05['name']}" in text
    InterventionFactory.create_batch(4, stage="developed", developed_on=datetime.date(2024, 3, 1))
    # Asking again gives the same finished PDF: a published dashboard never changes.
    assert dashboard_pdf_request(dashboard=published, by=users["alice"]).pk == job.pk


def test_a_draft_dashboard_has_no_pdf(users, programme):
    with pytest.raises(ValidationError):
        dashboard_pdf_request(dashboard=DashboardFactory(year=2024, half=2), by=users["alice"])
    assert not DashboardPdf.objects.exists()


def test_board_members_ask_for_the_pdf_on_the_dashboard_page_and_download_it(
    client, users, published, django_capture_on_commit_callbacks
):
    client.force_login(users["dave"])
    page = client.get(reverse("analysis:dashboard_detail", args=[published.pk])).content.decode()
    assert "PDF maken" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analysis:dashboard_pdf", args=[published.pk]))
    assert response.status_code == 302
    job = DashboardPdf.objects.get()
    page = client.get(reverse("analysis:dashboard_detail", args=[published.pk])).content.decode()
    assert "PDF downloaden" in page
    download = client.get(reverse("analysis:dashboard_pdf_download", args=[published.pk, job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_the_pdf_of_a_dashboard_is_not_for_other_roles(client, users, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = dashboard_pdf_request(dashboard=published, by=users["alice"])
    download = reverse("analysis:dashboard_pdf_download", args=[published.pk, job.pk])
    for name in ("bob", "eve"):
        client.force_login(users[name])
        assert client.get(download).status_code == 403
        assert client.post(reverse("analysis:dashboard_pdf", args=[published.pk])).status_code == 403
    draft = DashboardFactory(year=2024, half=2)
    client.force_login(users["dave"])
    assert client.post(reverse("analysis:dashboard_pdf", args=[draft.pk])).status_code == 404
    assert client.get(reverse("analysis:dashboard_pdf_download", args=[draft.pk, job.pk])).status_code == 404


def test_the_periodic_task_gives_up_jobs_that_waited_too_long_or_lost_their_worker(published, users, settings):
    from analysis.services import rendering
    from analysis.tasks import give_up_stalled_pdf_jobs

    now = timezone.now()
    waited = DashboardPdf.objects.create(dashboard=published, language="nl", requested_by=users["dave"])
    DashboardPdf.objects.filter(pk=waited.pk).update(
        queued_at=now - datetime.timedelta(seconds=settings.PDF_QUEUE_TIME_LIMIT + 1)
    )
    lost = DashboardPdf.objects.create(
        dashboard=published,
        language="en",
        requested_by=users["dave"],
        status=DashboardPdf.Status.RUNNING,
        started_at=now - rendering.STALLED_AFTER - datetime.timedelta(seconds=1),
    )
    fresh = DashboardPdf.objects.create(dashboard=published, language="nl", requested_by=users["dave"])
    assert give_up_stalled_pdf_jobs.apply().get() == 2
    statuses = dict(DashboardPdf.objects.values_list("pk", "status"))
    assert statuses == {waited.pk: "failed", lost.pk: "failed", fresh.pk: "queued"}
    assert "wachtrij" in DashboardPdf.objects.get(pk=waited.pk).error
    assert "verwerker stopte" in DashboardPdf.objects.get(pk=lost.pk).error
