"""With the broker away, a saved change still answers success: mail and jobs wait in the outbox.

The broker is made unreachable for real (Celery publishes to a port nobody listens on),
and the requests run in real transactions, so the hand-over happens at commit as in production.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from analysis.models import DashboardPdf
from analysis.services import rendering
from analysis.services.dashboard_pdf import dashboard_pdf_request
from analysis.services.dashboards import dashboard_publish
from core import outbox
from core.models import OutboxMessage
from interventions.models import Report
from portal.celery import app
from tests.conftest import remember_serialized_reference
from tests.factories import DashboardFactory, InterventionFactory
from tests.interventions.reporting import fill_report, start_report

# Real transactions, so the hand-over happens at commit; the reference data is put back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Nothing listens on the discard port.
UNREACHABLE_BROKER = "redis://127.0.0.1:9/0"


def _forget_connections() -> None:
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_away(settings):
    remember_serialized_reference()
    # The app reads Django's settings under the CELERY_ namespace, and keeps them under those names.
    saved = {key: app.conf[key] for key in ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=UNREACHABLE_BROKER)
    _forget_connections()
    yield
    app.conf.update(saved)
    _forget_connections()


def _broker_back(settings) -> None:
    # Back, and (as in tests everywhere) running what it is handed at once.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=True)


def test_submitting_and_accepting_answer_success_and_the_staff_mail_follows_when_the_broker_is_back(
    client, world, users, broker_away, settings
):
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    client.force_login(users["bob"])
    response = client.post(
        reverse("interventions_api:report-submit", args=[report.pk]), {}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    assert mail.outbox == []
    assert list(OutboxMessage.objects.values_list("task", "args")) == [
        ("interventions.tasks.notify_staff_of_submission", [report.pk])
    ]

    client.force_login(users["alice"])
    response = client.post(reverse("interventions:report_review", args=[report.pk]), {"decision": "accept"})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.ACCEPTED
    assert OutboxMessage.objects.count() == 2
    assert "2 berichten wachten op de berichtenserver" in client.get(reverse("home")).content.decode()

    # While the broker is away the outbox keeps everything; once it is back, everything goes.
    assert outbox.drain() == 0 and OutboxMessage.objects.count() == 2
    _broker_back(settings)
    assert outbox.drain() == 2
    assert not OutboxMessage.objects.exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.nl", "bob@example.nl"]
    assert "berichtenserver" not in client.get(reverse("home")).content.decode()


def test_a_dashboard_pdf_asked_for_while_the_broker_is_away_is_given_up_after_the_limit_and_asked_again(
    client, users, programme, broker_away, settings
):
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 3, 1))
    published = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)
    client.force_login(users["dave"])
    response = client.post(reverse("analysis:dashboard_pdf", args=[published.pk]))
    assert response.status_code == 302
    stuck = DashboardPdf.objects.get()
    assert stuck.status == DashboardPdf.Status.QUEUED
    assert OutboxMessage.objects.get().task == "analysis.generate_dashboard_pdf"
    # Within the limit, asking again gives the same job.
    assert dashboard_pdf_request(dashboard=published, by=users["dave"]).pk == stuck.pk

    DashboardPdf.objects.filter(pk=stuck.pk).update(
        queued_at=stuck.queued_at - datetime.timedelta(seconds=settings.PDF_QUEUE_TIME_LIMIT + 1)
    )
    again = dashboard_pdf_request(dashboard=published, by=users["dave"])
    assert again.pk != stuck.pk and again.status == DashboardPdf.Status.QUEUED
    stuck.refresh_from_db()
    assert stuck.status == DashboardPdf.Status.FAILED
    assert "wachtrij" in stuck.error

    # The old job, delivered late from the outbox, does not come back to life.
    assert rendering.start(DashboardPdf, stuck.pk) is None
