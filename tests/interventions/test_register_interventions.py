"""Staff keep interventions in the register: forms validate like the database, changes keep history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from agenda.models import ProtectiveFactor, ResilienceLevel
from interventions.models import Intervention
from interventions.services.register import intervention_save
from municipalities.models import Municipality
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def form_data(intervention: Intervention | None = None, **changes) -> dict:
    """What the edit form posts for `intervention` (or for a new one), with `changes`."""
    if intervention is None:
        owner = OrganisationFactory()
        data = {
            "name": "Nieuwe aanpak",
            "slug": "",
            "summary": "Wat zij doet.",
            "owner": owner.pk,
            "stage": "idea",
            "evidence_level": "not_assessed",
            "resilience_level": ResilienceLevel.objects.get(code="individual").pk,
            "protective_factors": [ProtectiveFactor.objects.get(code="PF01").pk],
            "started_on": "2024-03-01",
        }
    else:
        data = {
            "name": intervention.name,
            "slug": intervention.slug,
            "summary": intervention.summary,
            "description": intervention.description,
            "owner": intervention.owner_id,
            "partners": [o.pk for o in intervention.partners.all()],
            "stage": intervention.stage,
            "developed_on": intervention.developed_on.isoformat() if intervention.developed_on else "",
            "evidence_level": intervention.evidence_level,
            "resilience_level": intervention.resilience_level_id,
            "protective_factors": [f.pk for f in intervention.protective_factors.all()],
            "municipalities": [m.pk for m in intervention.municipalities.all()],
            "started_on": intervention.started_on.isoformat(),
            "is_public": "on" if intervention.is_public else "",
        }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_create_an_intervention_and_its_slug_comes_from_the_name(staff_client):
    response = staff_client.post(reverse("interventions:intervention_create"), form_data())
    intervention = Intervention.objects.get(name="Nieuwe aanpak")
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:intervention_detail", args=[intervention.pk])
    assert intervention.slug == "nieuwe-aanpak"
    assert list(intervention.protective_factors.values_list("code", flat=True)) == ["PF01"]
    assert intervention.history.count() == 1
    assert intervention.history.get().history_type == "+"
    assert intervention.history.get().history_user.username == "alice"


def test_moving_to_developed_sets_developed_on_to_today(staff_client):
    intervention = InterventionFactory(stage="in_development")
    staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(intervention, stage="developed"),
    )
    intervention.refresh_from_db()
    assert intervention.stage == "developed"
    assert intervention.developed_on == timezone.localdate()


def test_staff_may_give_another_developed_on_date(staff_client):
    intervention = InterventionFactory(stage="idea")
    staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(intervention, stage="evaluated", developed_on="2024-05-17"),
    )
    intervention.refresh_from_db()
    assert (intervention.stage, intervention.developed_on) == ("evaluated", datetime.date(2024, 5, 17))


def test_moving_back_below_developed_clears_developed_on(staff_client):
    intervention = InterventionFactory(stage="developed", developed_on=datetime.date(2024, 6, 1))
    response = staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(intervention, stage="in_development"),
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert (intervention.stage, intervention.developed_on) == ("in_development", None)


def test_a_later_stage_keeps_the_date_it_was_developed(staff_client):
    intervention = InterventionFactory(stage="developed", developed_on=datetime.date(2024, 6, 1))
    staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(intervention, stage="being_evaluated"),
    )
    intervention.refresh_from_db()
    assert intervention.developed_on == datetime.date(2024, 6, 1)


def test_the_service_keeps_developed_on_in_step_with_the_stage(users):
    intervention = InterventionFactory(stage="idea")
    intervention.stage = "developed"
    intervention_save(intervention=intervention, by=users["alice"])
    assert intervention.developed_on == timezone.localdate()
    intervention.stage = "idea"
    intervention_save(intervention=intervention, by=users["alice"])
    intervention.refresh_from_db()
    assert intervention.developed_on is None


def test_a_duplicate_name_is_a_dutch_form_error_not_a_crash(staff_client):
    InterventionFactory(name="Bestaat al", slug="bestaat-al")
    response = staff_client.post(reverse("interventions:intervention_create"), form_data(name="Bestaat al"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "bestaat al" in errors["name"][0]
    assert "slug" in errors
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert 'value="Bestaat al"' in html  # nothing typed is lost


def test_a_duplicate_name_is_an_english_error_in_the_english_ui(staff_client):
    InterventionFactory(name="Bestaat al", slug="bestaat-al")
    staff_client.cookies["django_language"] = "en"
    response = staff_client.post(reverse("interventions:intervention_create"), form_data(name="Bestaat al"))
    assert "already exists" in response.context["form"].errors["name"][0]


def test_a_required_field_left_empty_is_an_error_next_to_it(staff_client):
    response = staff_client.post(reverse("interventions:intervention_create"), form_data(summary=""))
    assert response.status_code == 400
    assert response.context["form"].errors["summary"] == ["Dit veld is vereist."]


def test_an_edit_is_one_history_entry_with_labelled_field_changes(staff_client):
    intervention = InterventionFactory(stage="idea", is_public=False)
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    before = intervention.history.count()
    staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(
            intervention, stage="developed", developed_on="2025-02-03", is_public="on", municipalities=[rotterdam.pk]
        ),
    )
    assert intervention.history.count() == before + 1
    html = staff_client.get(reverse("interventions:intervention_detail", args=[intervention.pk])).content.decode()
    assert "Geschiedenis" in html
    assert "Gewijzigd" in html
    assert "door alice" in html
    for label, new in (("Fase", "Ontwikkeld"), ("Ontwikkeld op", "3 februari 2025"), ("Openbaar", "ja")):
        assert f'<th class="utrecht-table__header-cell" scope="row">{label}</th>' in html
        assert f'<td class="utrecht-table__cell">{new}</td>' in html
    assert "Gemeenten waar zij loopt" in html
    assert '<td class="utrecht-table__cell">Rotterdam</td>' in html


def test_the_history_speaks_english_in_the_english_ui(staff_client):
    intervention = InterventionFactory(stage="idea")
    staff_client.post(
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        form_data(intervention, stage="in_development"),
    )
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(reverse("interventions:intervention_detail", args=[intervention.pk])).content.decode()
    with translation.override("en"):
        assert "History" in html
        assert ">Stage</th>" in html
        assert "In development" in html


def test_staff_filter_and_search_the_intervention_list(staff_client):
    InterventionFactory(name="Zichtbaar en openbaar", is_public=True)
    InterventionFactory(name="Alleen intern", is_public=False)
    url = reverse("interventions:intervention_list")
    names = lambda response: [i.name for i in response.context["page_obj"]]  # noqa: E731
    assert names(staff_client.get(url, {"is_public": "no"})) == ["Alleen intern"]
    assert names(staff_client.get(url, {"is_public": "yes"})) == ["Zichtbaar en openbaar"]
    assert names(staff_client.get(url, {"q": "intern"})) == ["Alleen intern"]
