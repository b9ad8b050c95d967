"""Evaluations in the register: a completed one needs its date, reports are PDF only, checked by content."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventions.models import Evaluation
from tests.factories import EvaluationFactory, InterventionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def data(intervention, **changes) -> dict:
    values = {
        "intervention": intervention.pk,
        "title": "Effectonderzoek",
        "kind": "effect",
        "status": "running",
        "started_on": "2024-01-15",
        "completed_on": "",
        "findings": "",
        "is_public": "on",
    }
    values.update(changes)
    return values


def test_staff_add_an_evaluation(staff_client):
    intervention = InterventionFactory()
    response = staff_client.post(reverse("interventions:evaluation_create"), data(intervention))
    evaluation = Evaluation.objects.get(title="Effectonderzoek")
    assert response["Location"] == reverse("interventions:evaluation_detail", args=[evaluation.pk])
    assert evaluation.history.get().history_user.username == "alice"


def test_a_completed_evaluation_needs_the_date_it_was_completed(staff_client):
    intervention = InterventionFactory()
    response = staff_client.post(reverse("interventions:evaluation_create"), data(intervention, status="completed"))
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == ["Vul de datum in waarop de evaluatie is afgerond."]
    assert not Evaluation.objects.exists()


def test_an_evaluation_cannot_be_completed_before_it_started(staff_client):
    intervention = InterventionFactory()
    response = staff_client.post(
        reverse("interventions:evaluation_create"),
        data(intervention, status="completed", completed_on="2023-12-31"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == [
        "De evaluatie kan niet eerder afgerond zijn dan gestart."
    ]


def test_a_report_that_is_not_a_pdf_is_refused_even_with_a_pdf_name(staff_client):
    intervention = InterventionFactory()
    fake = SimpleUploadedFile("rapport.pdf", b"PK\x03\x04 this is a zip file", content_type="application/pdf")
    response = staff_client.post(
        reverse("interventions:evaluation_create"), {**data(intervention), "report_file": fake}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["report_file"] == ["Dit bestand is geen PDF. Lever het rapport aan als PDF."]


def test_a_pdf_report_is_stored_and_served_to_the_public_of_a_public_evaluation(staff_client, client):
    intervention = InterventionFactory(is_public=True)
    upload = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    staff_client.post(reverse("interventions:evaluation_create"), {**data(intervention), "report_file": upload})
    evaluation = Evaluation.objects.get()
    assert evaluation.report_file.name.endswith(".pdf")
    staff_client.logout()
    response = client.get(reverse("interventions:evaluation_report", args=[intervention.slug, evaluation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(("intervention_public", "evaluation_public"), [(False, True), (True, False)])
def test_a_report_that_is_not_public_is_a_404_outside_staff(client, users, intervention_public, evaluation_public):
    evaluation = EvaluationFactory(
        intervention=InterventionFactory(is_public=intervention_public),
        is_public=evaluation_public,
        report_file=SimpleUploadedFile("r.pdf", PDF),
    )
    url = reverse("interventions:evaluation_report", args=[evaluation.intervention.slug, evaluation.pk])
    assert client.get(url).status_code == 404
    client.force_login(users["bob"])
    assert client.get(url).status_code == 404
    client.force_login(users["alice"])
    assert client.get(url).status_code == 200


def test_an_edit_of_the_status_shows_in_the_history(staff_client):
    evaluation = EvaluationFactory(status="running", completed_on=None)
    staff_client.post(
        reverse("interventions:evaluation_edit", args=[evaluation.pk]),
        data(
            evaluation.intervention,
            title=evaluation.title,
            status="completed",
            started_on="2024-01-01",
            completed_on="2024-11-30",
        ),
    )
    evaluation.refresh_from_db()
    assert evaluation.completed_on == datetime.date(2024, 11, 30)
    html = staff_client.get(reverse("interventions:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert '<td class="utrecht-table__cell">Afgerond</td>' in html
    assert '<td class="utrecht-table__cell">30 november 2024</td>' in html
