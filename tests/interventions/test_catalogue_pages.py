"""The public catalogue: no login, only what staff marked public, filters that work without JavaScript."""

import pytest
from django.urls import reverse

from agenda.models import Phenomenon, ProtectiveFactor, ResilienceLevel
from interventions.models import TargetGroup
from municipalities.models import Municipality
from tests.factories import EvaluationFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [intervention.name for intervention in response.context["page_obj"]]


def test_anyone_sees_only_public_interventions(client):
    InterventionFactory(name="Openbaar", is_public=True)
    InterventionFactory(name="Intern", is_public=False)
    response = client.get(reverse("interventions:catalogue"))
    assert response.status_code == 200
    assert names(response) == ["Openbaar"]
    assert "1 interventie" in response.content.decode()


@pytest.mark.parametrize("username", [None, "bob", "dave", "eve"])
def test_a_non_public_intervention_is_a_404_outside_staff(client, users, username):
    hidden = InterventionFactory(is_public=False)
    if username:
        client.force_login(users[username])
    assert client.get(reverse("interventions:catalogue_detail", args=[hidden.slug])).status_code == 404


def test_staff_preview_a_non_public_intervention(client, users):
    hidden = InterventionFactory(is_public=False)
    client.force_login(users["alice"])
    response = client.get(reverse("interventions:catalogue_detail", args=[hidden.slug]))
    assert response.status_code == 200
    assert "Voorbeeld: deze interventie is niet openbaar" in response.content.decode()
    assert names(client.get(reverse("interventions:catalogue"))) == []  # the list stays public-only


def test_an_intervention_page_shows_what_where_evaluations_and_evidence(client):
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    intervention = InterventionFactory(
        name="Praten in de wijk",
        summary="Gesprekken tussen buren.",
        evidence_level="good_indications",
        municipalities=[utrecht],
    )
    intervention.phenomena.set([Phenomenon.objects.order_by("code").first()])
    intervention.target_groups.set([TargetGroup.objects.get(code="youth")])
    EvaluationFactory(intervention=intervention, title="Openbare evaluatie", findings="Het werkt.")
    EvaluationFactory(intervention=intervention, title="Interne evaluatie", is_public=False)
    html = client.get(reverse("interventions:catalogue_detail", args=[intervention.slug])).content.decode()
    assert "Gesprekken tussen buren." in html
    assert "Utrecht" in html
    assert "Goede aanwijzingen voor effectiviteit" in html
    assert "Openbare evaluatie" in html and "Het werkt." in html
    assert "Interne evaluatie" not in html
    assert ProtectiveFactor.objects.get(code="PF01").name in html
    assert "Jongeren" in html
    assert intervention.owner.name in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"factor": "PF02"}, ["Tweede"]),
        ({"level": "community"}, ["Tweede"]),
        ({"evidence": "well_founded"}, ["Eerste"]),
        ({"stage": "developed"}, ["Tweede"]),
        ({"municipality": "GM0599"}, ["Eerste"]),
        ({"target_group": "parents"}, ["Tweede"]),
        ({"q": "tweede"}, ["Tweede"]),
        ({"q": "buurt gesprek"}, ["Eerste"]),
        ({"factor": "PF02", "municipality": "GM0599"}, []),
        ({}, ["Eerste", "Tweede"]),
    ],
)
def test_each_filter_narrows_the_catalogue(client, params, expected):
    import datetime

    InterventionFactory(
        name="Eerste",
        summary="Een buurtgesprek.",
        evidence_level="well_founded",
        municipalities=[Municipality.objects.get(cbs_code="GM0599")],
    )
    second = InterventionFactory(
        name="Tweede",
        stage="developed",
        developed_on=datetime.date(2024, 1, 1),
        resilience_level=ResilienceLevel.objects.get(code="community"),
        protective_factors=[ProtectiveFactor.objects.get(code="PF02")],
        municipalities=[Municipality.objects.get(cbs_code="GM0344")],
    )
    second.target_groups.set([TargetGroup.objects.get(code="parents")])
    second.phenomena.set([Phenomenon.objects.order_by("code").first()])
    assert names(client.get(reverse("interventions:catalogue"), params)) == expected


def test_a_phenomenon_filter_works(client):
    phenomenon = Phenomenon.objects.order_by("code").last()
    match = InterventionFactory(name="Met fenomeen")
    match.phenomena.set([phenomenon])
    InterventionFactory(name="Zonder")
    assert names(client.get(reverse("interventions:catalogue"), {"phenomenon": phenomenon.code})) == ["Met fenomeen"]


def test_no_results_explains_and_offers_to_clear_the_filters(client):
    InterventionFactory(name="Eerste")
    html = client.get(reverse("interventions:catalogue"), {"q": "bestaatniet"}).content.decode()
    assert "Geen interventies gevonden" in html
    assert "Alle filters wissen" in html


def test_an_empty_catalogue_says_so(client):
    html = client.get(reverse("interventions:catalogue")).content.decode()
    assert "Er staan nog geen interventies in de catalogus." in html


def test_an_unknown_filter_value_is_not_an_error(client):
    InterventionFactory(name="Eerste")
    response = client.get(reverse("interventions:catalogue"), {"factor": "XX99", "page": "abc"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_the_filter_form_is_a_plain_get_form(client):
    html = client.get(reverse("interventions:catalogue")).content.decode()
    assert '<form method="get" action="/interventies/"' in html
    for name in ("q", "factor", "level", "phenomenon", "evidence", "target_group", "stage", "municipality"):
        assert f'name="{name}"' in html


def test_data_names_show_in_english_in_the_english_ui(client):
    factor = ProtectiveFactor.objects.get(code="PF01")
    InterventionFactory(name="Eerste", protective_factors=[factor])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("interventions:catalogue")).content.decode()
    assert factor.name_en and factor.name_en in html
    assert ResilienceLevel.objects.get(code="individual").name_en in html
    assert "1 intervention" in html


@pytest.mark.parametrize("username", [None, "alice", "bob"])
def test_the_catalogue_pages_answer_only_get(client, users, username):
    intervention = InterventionFactory(is_public=True)
    hidden = InterventionFactory(is_public=False)
    if username:
        client.force_login(users[username])
    for url in (
        reverse("interventions:catalogue"),
        reverse("interventions:catalogue_detail", args=[intervention.slug]),
        reverse("interventions:catalogue_detail", args=[hidden.slug]),
    ):
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code in (200, 404), url
