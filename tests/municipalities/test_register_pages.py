"""Municipality, organisation, partnership and learning-community pages of the register."""

import datetime

import pytest
from django.urls import reverse

from municipalities.models import LearningCommunityMembership, Municipality, Organisation, Partnership
from tests.factories import (
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_a_municipality_page_shows_its_grants_membership_interventions_and_organisations(staff_client):
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    GrantFactory(municipality=rotterdam, decision_reference="BESCHIKKING-1")
    LearningCommunityMembershipFactory(
        municipality=rotterdam, joined_on=datetime.date(2023, 6, 1), left_on=datetime.date(2024, 2, 1)
    )
    LearningCommunityMembershipFactory(municipality=rotterdam, joined_on=datetime.date(2025, 1, 1))
    InterventionFactory(name="Loopt in Rotterdam", municipalities=[rotterdam])
    OrganisationFactory(name="Rotterdamse stichting", municipality=rotterdam)
    html = staff_client.get(reverse("municipalities:municipality_detail", args=["GM0599"])).content.decode()
    assert "SPUK Kansrijke Wijk" in html
    assert "1 juni 2023" in html and "1 februari 2024" in html and "1 januari 2025" in html
    assert "Loopt in Rotterdam" in html
    assert "Rotterdamse stichting" in html
    for area in rotterdam.focus_areas.all():
        assert area.name in html


def test_the_municipality_list_filters_on_grants_and_learning_community(staff_client):
    GrantFactory(municipality=Municipality.objects.get(cbs_code="GM0599"))
    LearningCommunityMembershipFactory(municipality=Municipality.objects.get(cbs_code="GM0344"))
    url = reverse("municipalities:municipality_list")
    names = lambda response: [m.name for m in response.context["page_obj"]]  # noqa: E731
    assert names(staff_client.get(url, {"has_grant": "yes"})) == ["Rotterdam"]
    assert names(staff_client.get(url, {"in_learning_community": "yes"})) == ["Utrecht"]
    assert names(staff_client.get(url, {"q": "GM0363"})) == ["Amsterdam"]
    assert staff_client.get(url).context["page_obj"].paginator.count == 342


def test_a_duplicate_organisation_name_is_a_form_error(staff_client):
    OrganisationFactory(name="Stichting Een")
    response = staff_client.post(
        reverse("municipalities:organisation_create"), {"name": "Stichting Een", "kind": "civil_society"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Er bestaat al een Organisatie met eenzelfde Naam."]


def test_staff_add_an_organisation_with_a_website_without_scheme(staff_client):
    staff_client.post(
        reverse("municipalities:organisation_create"),
        {"name": "Stichting Twee", "kind": "knowledge", "website": "example.org"},
    )
    assert Organisation.objects.get(name="Stichting Twee").website == "https://example.org"


def test_a_partnership_cannot_end_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("municipalities:partnership_create"),
        {"name": "Verband", "purpose": "Samen", "started_on": "2024-05-01", "ended_on": "2024-04-30"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ended_on"] == ["De einddatum kan niet voor de startdatum liggen."]


def test_a_partnership_with_members_is_one_history_entry(staff_client, programme):
    members = [OrganisationFactory(), OrganisationFactory()]
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    staff_client.post(
        reverse("municipalities:partnership_create"),
        {
            "programme": programme.pk,
            "name": "Verband",
            "purpose": "Samen",
            "started_on": "2024-05-01",
            "members": [m.pk for m in members],
            "municipalities": [rotterdam.pk],
        },
    )
    partnership = Partnership.objects.get(name="Verband")
    assert set(partnership.members.all()) == set(members)
    assert [record.history_type for record in partnership.history.all()] == ["+"]
    staff_client.post(
        reverse("municipalities:partnership_edit", args=[partnership.pk]),
        {
            "programme": programme.pk,
            "name": "Verband",
            "purpose": "Samen",
            "started_on": "2024-05-01",
            "members": [members[0].pk],
        },
    )
    assert [record.history_type for record in partnership.history.order_by("history_id")] == ["+", "~"]
    html = staff_client.get(reverse("municipalities:partnership_detail", args=[partnership.pk])).content.decode()
    assert ">Deelnemers</th>" in html
    assert ">Gemeenten</th>" in html


def test_a_municipality_cannot_leave_the_learning_community_before_joining(staff_client):
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    response = staff_client.post(
        reverse("municipalities:membership_create"),
        {"municipality": rotterdam.pk, "joined_on": "2024-05-01", "left_on": "2024-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["left_on"] == ["Een gemeente kan niet vertrekken voordat zij deelnam."]
    assert not LearningCommunityMembership.objects.exists()


def test_staff_record_a_municipality_leaving_the_learning_community(staff_client):
    membership = LearningCommunityMembershipFactory()
    response = staff_client.post(
        reverse("municipalities:membership_edit", args=[membership.pk]),
        {"municipality": membership.municipality_id, "joined_on": "2024-01-01", "left_on": "2025-06-30"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2025, 6, 30)
    html = staff_client.get(reverse("municipalities:membership_detail", args=[membership.pk])).content.decode()
    assert "30 juni 2025" in html
