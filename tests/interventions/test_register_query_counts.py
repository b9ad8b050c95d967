"""Register lists, the catalogue and the API lists run a fixed number of queries, however many rows they show."""

import datetime

import pytest
from django.urls import reverse

from agenda.models import Phenomenon, ProtectiveFactor
from interventions.models import TargetGroup
from municipalities.models import Municipality
from tests.factories import (
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def make_rows(n: int) -> None:
    """n of everything, each with several related rows, so an N+1 would show."""
    municipalities = list(Municipality.objects.filter(cbs_code__in=["GM0363", "GM0344", "GM0599"]).order_by("name"))
    factors = list(ProtectiveFactor.objects.order_by("code")[:3])
    phenomena = list(Phenomenon.objects.order_by("code")[:2])
    groups = list(TargetGroup.objects.order_by("order")[:2])
    for _ in range(n):
        intervention = InterventionFactory(
            stage="developed",
            developed_on=datetime.date(2024, 1, 1),
            protective_factors=factors,
            municipalities=municipalities,
        )
        intervention.phenomena.set(phenomena)
        intervention.target_groups.set(groups)
        intervention.partners.set([OrganisationFactory(municipality=municipalities[0]), OrganisationFactory()])
        EvaluationFactory(intervention=intervention, evaluator=OrganisationFactory())
        GrantFactory(municipality=municipalities[1])
        LearningCommunityMembershipFactory(municipality=municipalities[2])
        partnership = PartnershipFactory()
        partnership.members.set([intervention.owner])
        partnership.municipalities.set(municipalities)


# (url name, queries for a signed-in staff member). Session, user and groups are 3 of them;
# a paginated list adds its count and its page; a form of filters adds one per choice list.
# Each page counts one query for the programmes of the header's switcher; the grants and partnerships
# also offer the programmes as a filter and check the one chosen.
STAFF_PAGES = [
    ("register", 12),
    ("interventions:intervention_list", 15),  # with the SCP matrix: one grouped count
    ("interventions:evaluation_list", 8),
    ("municipalities:municipality_list", 7),
    ("municipalities:grant_list", 10),
    ("municipalities:organisation_list", 8),
    ("municipalities:partnership_list", 10),
    ("municipalities:membership_list", 7),
    ("interventions_api:intervention-list", 11),
    ("interventions_api:evaluation-list", 5),
    ("municipalities_api:municipality-list", 5),
    ("municipalities_api:grant-list", 6),
    ("municipalities_api:organisation-list", 5),
    ("municipalities_api:partnership-list", 7),
    ("municipalities_api:membership-list", 5),
]
# Without filters, and with two filters (each looks up the value it was given).
PUBLIC_PAGES = [
    ("interventions:catalogue", {}, 11),  # the SCP matrix: one grouped count
    ("interventions:catalogue", {"factor": "PF01", "municipality": "GM0599"}, 13),
    ("interventions_api:catalogue-list", {}, 9),
    ("interventions_api:catalogue-list", {"factor": "PF01", "municipality": "GM0599"}, 11),
]


@pytest.mark.parametrize(("url_name", "queries"), STAFF_PAGES)
def test_a_staff_list_runs_a_fixed_number_of_queries(client, users, django_assert_num_queries, url_name, queries):
    client.force_login(users["alice"])
    url = reverse(url_name)
    make_rows(2)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    make_rows(6)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url_name", "params", "queries"), PUBLIC_PAGES)
def test_a_public_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, url_name, params, queries):
    url = reverse(url_name)
    make_rows(2)
    with django_assert_num_queries(queries):
        response = client.get(url, params)
    assert response.status_code == 200
    count = response.json()["count"] if response.context is None else response.context["page_obj"].paginator.count
    assert count == 2
    make_rows(6)
    with django_assert_num_queries(queries):
        assert client.get(url, params).status_code == 200


def test_a_catalogue_page_of_an_intervention_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    make_rows(3)
    intervention = InterventionFactory(protective_factors=list(ProtectiveFactor.objects.all()[:5]))
    EvaluationFactory(intervention=intervention)
    with django_assert_num_queries(8):
        assert client.get(reverse("interventions:catalogue_detail", args=[intervention.slug])).status_code == 200
