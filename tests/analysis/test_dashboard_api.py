"""The read-only API: published dashboards with their frozen snapshot, and advice filtered as on the page."""

import pytest
from django.urls import reverse

from analysis.services.advice import advice_record, advice_respond
from analysis.services.dashboards import dashboard_publish
from analysis.snapshots import freeze
from tests.factories import DashboardFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(users):
    InterventionFactory()
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)


def test_board_members_read_published_dashboards_and_their_snapshot(client, users, published):
    DashboardFactory(year=2024, half=2)
    client.force_login(users["dave"])
    listing = client.get(reverse("analysis_api:dashboard-list")).json()
    assert [d["id"] for d in listing["results"]] == [published.pk]
    assert listing["results"][0]["title"] == "Dashboard eerste halfjaar 2024"
    assert "snapshot" not in listing["results"][0]
    detail = client.get(reverse("analysis_api:dashboard-detail", args=[published.pk])).json()
    assert freeze(detail["snapshot"])[1] == detail["content_hash"] == published.content_hash


def test_staff_see_no_drafts_in_the_api_either(client, users, published):
    draft = DashboardFactory(year=2024, half=2)
    client.force_login(users["alice"])
    assert client.get(reverse("analysis_api:dashboard-detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("username", ["bob", "eve"])
def test_other_users_get_no_dashboards_or_advice(client, users, published, username):
    client.force_login(users[username])
    for name in ("analysis_api:dashboard-list", "analysis_api:advice-list"):
        assert client.get(reverse(name)).status_code == 403


def test_anonymous_callers_are_asked_to_authenticate(client, published):
    for url in (
        reverse("analysis_api:dashboard-list"),
        reverse("analysis_api:dashboard-detail", args=[published.pk]),
        reverse("analysis_api:advice-list"),
    ):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token", url


def test_the_advice_api_filters_like_the_page(client, users, published):
    kept = advice_record(by=users["dave"], dashboard=published, kind="asked", subject="Open advies", text="x")
    answered = advice_record(by=users["dave"], dashboard=published, kind="unasked", subject="Beantwoord", text="y")
    advice_respond(advice=answered, by=users["alice"], follow_up="taken_up", response="Gedaan.")
    client.force_login(users["dave"])
    url = reverse("analysis_api:advice-list")
    assert [a["id"] for a in client.get(url, {"follow_up": "open"}).json()["results"]] == [kept.pk]
    taken_up = client.get(url, {"follow_up": "taken_up", "dashboard": published.pk}).json()["results"]
    assert [(a["subject"], a["response"], a["author"]) for a in taken_up] == [("Beantwoord", "Gedaan.", "dave")]
    assert client.get(url, {"follow_up": "nonsense"}).status_code == 400


def test_the_advice_api_cannot_write(client, users, published):
    client.force_login(users["dave"])
    response = client.post(reverse("analysis_api:advice-list"), {"subject": "x", "text": "y"})
    assert response.status_code == 405
