"""Deleting a municipality, an organisation or an intervention that reports, grants or other records
refer to is refused, in the database and in the admin with a page that says why; nothing goes silently."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db.models import ProtectedError
from django.urls import reverse

from interventions.models import Intervention
from municipalities.models import ActivityParticipation, Membership, Municipality, Organisation
from tests.factories import (
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ReportFactory,
    ReportItemFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spare():
    """A municipality nobody refers to yet."""
    return Municipality.objects.create(cbs_code="GM9998", name="Proefdorp", province="Utrecht")


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.nl", "x"))
    return client


@pytest.mark.parametrize(
    "refer",
    [
        lambda m: ReportFactory(municipality=m),
        lambda m: GrantFactory(municipality=m),
        lambda m: LearningCommunityMembershipFactory(municipality=m),
        lambda m: Membership.objects.create(user=make_user("frank"), municipality=m),
        lambda m: OrganisationFactory(municipality=m),
    ],
    ids=["report", "grant", "learning-community", "membership", "organisation"],
)
def test_it_refuses_to_delete_a_municipality_that_is_referred_to(spare, refer):
    refer(spare)
    with pytest.raises(ProtectedError):
        spare.delete()
    assert Municipality.objects.filter(pk=spare.pk).exists()


def test_it_deletes_a_municipality_nobody_refers_to(spare):
    spare.delete()
    assert not Municipality.objects.filter(pk=spare.pk).exists()


@pytest.mark.parametrize(
    "refer",
    [
        lambda i: ReportItemFactory(intervention=i),
        lambda i: EvaluationFactory(intervention=i),
    ],
    ids=["report-item", "evaluation"],
)
def test_it_refuses_to_delete_an_intervention_that_is_referred_to(refer):
    intervention = InterventionFactory()
    refer(intervention)
    with pytest.raises(ProtectedError):
        intervention.delete()
    assert Intervention.objects.filter(pk=intervention.pk).exists()


def test_it_refuses_to_delete_an_organisation_that_is_referred_to(programme):
    cases = [
        lambda o: InterventionFactory(owner=o),
        lambda o: EvaluationFactory(evaluator=o),
        lambda o: Membership.objects.create(user=make_user("grace"), organisation=o),
        lambda o: ActivityParticipation.objects.create(
            organisation=o, activity=_activity(programme), joined_on=datetime.date(2024, 1, 1)
        ),
    ]
    for refer in cases:
        organisation = OrganisationFactory()
        refer(organisation)
        with pytest.raises(ProtectedError):
            organisation.delete()
        assert Organisation.objects.filter(pk=organisation.pk).exists()


def _activity(programme):
    from agenda.models import Activity

    line = programme.action_lines.first()
    return Activity.objects.create(action_line=line, name="Leergemeenschap", kind=Activity.Kind.LEARNING_COMMUNITY)


def test_the_admin_explains_why_a_municipality_with_a_grant_stays(admin_client, spare):
    GrantFactory(municipality=spare)
    url = reverse("admin:municipalities_municipality_delete", args=[spare.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert "SPUK Kansrijke Wijk Proefdorp" in page.content.decode()
    assert posted.status_code == 200
    assert Municipality.objects.filter(pk=spare.pk).exists()


def test_the_admin_keeps_a_municipality_an_intervention_runs_in(admin_client, spare):
    InterventionFactory(name="Sterk Proefdorp", municipalities=[spare])
    url = reverse("admin:municipalities_municipality_delete", args=[spare.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "Sterk Proefdorp" in page.content.decode()
    assert Municipality.objects.filter(pk=spare.pk).exists()


def test_the_admin_keeps_an_organisation_in_a_partnership(admin_client):
    organisation = OrganisationFactory()
    PartnershipFactory(name="Samen Proefdorp").members.add(organisation)
    url = reverse("admin:municipalities_organisation_delete", args=[organisation.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "Samen Proefdorp" in page.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_the_admin_refuses_to_delete_a_reported_intervention_in_bulk(admin_client):
    item = ReportItemFactory()
    url = reverse("admin:interventions_intervention_changelist")

    page = admin_client.post(url, {"action": "delete_selected", "_selected_action": [item.intervention_id]})

    assert page.status_code == 200
    assert Intervention.objects.filter(pk=item.intervention_id).exists()


def test_the_admin_deletes_an_organisation_nobody_refers_to(admin_client):
    organisation = OrganisationFactory()
    url = reverse("admin:municipalities_organisation_delete", args=[organisation.pk])

    admin_client.post(url, {"post": "yes"})

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
