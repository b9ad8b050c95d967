"""The read API: register endpoints for staff, a public catalogue endpoint, the same filters as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from agenda.models import ProtectiveFactor
from municipalities.models import Municipality
from tests.factories import (
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

REGISTER_ENDPOINTS = [
    "interventions_api:intervention-list",
    "interventions_api:evaluation-list",
    "municipalities_api:municipality-list",
    "municipalities_api:grant-list",
    "municipalities_api:organisation-list",
    "municipalities_api:partnership-list",
    "municipalities_api:membership-list",
]


@pytest.mark.parametrize("url_name", REGISTER_ENDPOINTS)
def test_register_endpoints_are_for_staff_only(client, users, url_name):
    url = reverse(url_name)
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    for username in ("bob", "dave", "eve"):
        client.force_login(users[username])
        assert client.get(url).status_code == 403
    client.force_login(users["alice"])
    assert client.get(url).status_code == 200


def test_the_register_api_lists_every_intervention_and_filters_like_the_page(client, users):
    InterventionFactory(name="Openbaar", is_public=True)
    InterventionFactory(name="Intern", is_public=False, protective_factors=[ProtectiveFactor.objects.get(code="PF03")])
    client.force_login(users["alice"])
    url = reverse("interventions_api:intervention-list")
    assert [i["name"] for i in client.get(url).json()["results"]] == ["Intern", "Openbaar"]
    assert [i["name"] for i in client.get(url, {"is_public": "no"}).json()["results"]] == ["Intern"]
    assert [i["name"] for i in client.get(url, {"factor": "PF03"}).json()["results"]] == ["Intern"]
    page = client.get(reverse("interventions:intervention_list"), {"factor": "PF03"})
    assert [i.name for i in page.context["page_obj"]] == ["Intern"]


def test_a_bad_filter_value_is_a_400_with_the_reason(client, users):
    client.force_login(users["alice"])
    response = client.get(reverse("interventions_api:intervention-list"), {"stage": "nonsense"})
    assert response.status_code == 400
    assert "stage" in response.json()


def test_the_catalogue_api_is_public_and_shows_public_interventions_only(client):
    intervention = InterventionFactory(name="Openbaar", municipalities=[Municipality.objects.get(cbs_code="GM0599")])
    InterventionFactory(name="Intern", is_public=False)
    EvaluationFactory(intervention=intervention, title="Openbare evaluatie", findings="Werkt.")
    EvaluationFactory(intervention=intervention, title="Interne evaluatie", is_public=False)
    response = client.get(reverse("interventions_api:catalogue-list"))
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["name"] == "Openbaar"
    assert "is_public" not in item
    assert [e["title"] for e in item["evaluations"]] == ["Openbare evaluatie"]
    assert item["municipalities"][0]["cbs_code"] == "GM0599"
    assert item["url"].endswith(reverse("interventions:catalogue_detail", args=[intervention.slug]))
    assert client.get(reverse("interventions_api:catalogue-detail", args=["intern"])).status_code == 404


def test_the_catalogue_api_links_the_report_of_a_public_evaluation(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    intervention = InterventionFactory(name="Openbaar")
    evaluation = EvaluationFactory(
        intervention=intervention, report_file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    EvaluationFactory(intervention=intervention, title="Zonder rapport")
    report = reverse("interventions:evaluation_report", args=[intervention.slug, evaluation.pk])
    for url in (
        reverse("interventions_api:catalogue-list"),
        reverse("interventions_api:catalogue-detail", args=[intervention.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        data = response.json()
        item = data["results"][0] if "results" in data else data
        links = {e["title"]: e["report_url"] for e in item["evaluations"]}
        assert links["Zonder rapport"] is None
        assert links[evaluation.title] == f"http://testserver{report}"
    assert client.get(report).status_code == 200


def test_the_catalogue_api_filters_with_the_catalogue_filters(client):
    InterventionFactory(name="Eerste", municipalities=[Municipality.objects.get(cbs_code="GM0599")])
    InterventionFactory(name="Tweede", municipalities=[Municipality.objects.get(cbs_code="GM0344")])
    response = client.get(reverse("interventions_api:catalogue-list"), {"municipality": "GM0344"})
    assert [i["name"] for i in response.json()["results"]] == ["Tweede"]


def test_reference_names_are_english_when_asked(client):
    InterventionFactory(name="Eerste")
    factor = ProtectiveFactor.objects.get(code="PF01")
    response = client.get(reverse("interventions_api:catalogue-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["protective_factors"] == [{"code": "PF01", "name": factor.name_en}]


def test_the_other_register_endpoints_return_their_rows(client, users):
    GrantFactory()
    LearningCommunityMembershipFactory()
    PartnershipFactory(name="Verband")
    EvaluationFactory(title="Evaluatie")
    client.force_login(users["alice"])
    assert (
        client.get(reverse("municipalities_api:grant-list")).json()["results"][0]["municipality"]["cbs_code"]
        == "GM0599"
    )
    assert client.get(reverse("municipalities_api:membership-list"), {"active": "yes"}).json()["count"] == 1
    assert client.get(reverse("municipalities_api:partnership-list")).json()["results"][0]["name"] == "Verband"
    assert client.get(reverse("interventions_api:evaluation-list")).json()["results"][0]["title"] == "Evaluatie"
    municipalities = client.get(reverse("municipalities_api:municipality-list"), {"has_grant": "yes"}).json()
    assert [m["name"] for m in municipalities["results"]] == ["Rotterdam"]


def test_the_schema_documents_the_endpoints_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    for path in (
        "/api/register/interventions/",
        "/api/register/evaluations/",
        "/api/register/municipalities/",
        "/api/register/grants/",
        "/api/register/organisations/",
        "/api/register/partnerships/",
        "/api/register/learning-community-memberships/",
        "/api/catalogue/interventions/",
    ):
        assert f"{path}:" in schema
    assert "name: factor" in schema and "name: municipality" in schema


def test_intervention_lists_come_in_pages_of_twenty_unless_asked(client):
    for n in range(22):
        InterventionFactory(name=f"Interventie {n:02d}")
    url = reverse("interventions_api:catalogue-list")
    assert len(client.get(url).json()["results"]) == 20
    assert len(client.get(url, {"page_size": 5}).json()["results"]) == 5
    assert client.get(url, {"page": 2}).json()["results"][-1]["name"] == "Interventie 21"
