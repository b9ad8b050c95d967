"""The register is for programme staff only: anonymous users log in first, other roles get a 403."""

import pytest
from django.urls import reverse

from tests.factories import EvaluationFactory, GrantFactory, LearningCommunityMembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_urls():
    evaluation = EvaluationFactory()
    intervention = evaluation.intervention
    grant = GrantFactory()
    partnership = PartnershipFactory()
    membership = LearningCommunityMembershipFactory()
    organisation = intervention.owner
    return [
        reverse("register"),
        reverse("interventions:intervention_list"),
        reverse("interventions:intervention_create"),
        reverse("interventions:intervention_detail", args=[intervention.pk]),
        reverse("interventions:intervention_edit", args=[intervention.pk]),
        reverse("interventions:evaluation_list"),
        reverse("interventions:evaluation_create"),
        reverse("interventions:evaluation_detail", args=[evaluation.pk]),
        reverse("interventions:evaluation_edit", args=[evaluation.pk]),
        reverse("municipalities:municipality_list"),
        reverse("municipalities:municipality_detail", args=["GM0599"]),
        reverse("municipalities:grant_list"),
        reverse("municipalities:grant_create"),
        reverse("municipalities:grant_detail", args=[grant.pk]),
        reverse("municipalities:grant_edit", args=[grant.pk]),
        reverse("municipalities:organisation_list"),
        reverse("municipalities:organisation_create"),
        reverse("municipalities:organisation_detail", args=[organisation.pk]),
        reverse("municipalities:organisation_edit", args=[organisation.pk]),
        reverse("municipalities:partnership_list"),
        reverse("municipalities:partnership_create"),
        reverse("municipalities:partnership_detail", args=[partnership.pk]),
        reverse("municipalities:partnership_edit", args=[partnership.pk]),
        reverse("municipalities:membership_list"),
        reverse("municipalities:membership_create"),
        reverse("municipalities:membership_detail", args=[membership.pk]),
        reverse("municipalities:membership_edit", args=[membership.pk]),
    ]


def test_staff_open_every_register_page(client, users, register_urls):
    client.force_login(users["alice"])
    for url in register_urls:
        assert client.get(url).status_code == 200, url


def test_anonymous_users_are_sent_to_the_login_page(client, register_urls):
    for url in register_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("username", ["bob", "dave", "eve"])
def test_other_roles_get_a_403_on_every_register_page(client, users, register_urls, username):
    client.force_login(users[username])
    for url in register_urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("username", ["bob", "dave", "eve"])
def test_other_roles_cannot_post_to_the_register(client, users, username):
    client.force_login(users[username])
    response = client.post(reverse("municipalities:organisation_create"), {"name": "Inbreker", "kind": "vng"})
    assert response.status_code == 403


def test_municipalities_cannot_be_created_or_edited_in_the_register(client, users):
    client.force_login(users["alice"])
    assert client.get("/register/gemeenten/nieuw/").status_code == 404
    assert client.get("/register/gemeenten/GM0599/wijzigen/").status_code == 404
    assert client.get(reverse("municipalities:municipality_detail", args=["GM9999"])).status_code == 404


def test_the_staff_menu_links_to_the_register(client, users):
    client.force_login(users["alice"])
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("register")}"' in html


@pytest.mark.parametrize(("username", "status"), [("alice", 405), ("bob", 403), ("dave", 403), ("eve", 403)])
def test_the_register_lists_and_pages_refuse_a_post(client, users, register_urls, username, status):
    """Only the forms take a POST. The staff check comes first, so other roles get their 403 whatever the method."""
    client.force_login(users[username])
    read_only = [url for url in register_urls if not url.endswith(("/nieuw/", "/wijzigen/"))]
    assert len(read_only) == 15
    for url in read_only:
        assert client.post(url).status_code == status, url
