"""The map of the municipalities: three layers, legend, attribution, and the same data as a table."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Report
from municipalities.models import Municipality
from tests.factories import (
    GrantFactory,
    LearningCommunityMembershipFactory,
    ReportFactory,
    ReportingPeriodFactory,
    ReportItemFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def staff(client, db):
    client.force_login(make_user("alice", role="staff"))
    return client


@pytest.fixture
def places():
    """Rotterdam: grant, member, a report; Utrecht: grant, left the learning community; Delft: only a report."""
    rotterdam, utrecht, delft = (Municipality.objects.get(cbs_code=c) for c in ("GM0599", "GM0344", "GM0503"))
    GrantFactory(municipality=rotterdam, amount=Decimal("450000"))
    GrantFactory(municipality=utrecht, amount=Decimal("200000"))
    LearningCommunityMembershipFactory(municipality=rotterdam, joined_on=D(2023, 6, 1))
    LearningCommunityMembershipFactory(municipality=utrecht, joined_on=D(2023, 6, 1), left_on=D(2024, 3, 1))
    period = ReportingPeriodFactory(year=2024, half=1)
    submitted = timezone.make_aware(datetime.datetime(2024, 8, 1, 12))
    for municipality, reach in ((rotterdam, 120), (delft, 35)):
        report = ReportFactory(
            municipality=municipality, period=period, status=Report.Status.ACCEPTED, submitted_at=submitted
        )
        ReportItemFactory(report=report, participants_total=reach)
    draft = ReportFactory(municipality=utrecht, period=period)  # a draft does not count
    ReportItemFactory(report=draft, participants_total=999)
    return rotterdam, utrecht, delft


def table(response) -> dict[str, dict]:
    return {row["municipality"].cbs_code: row for row in response.context["rows"]}


def test_the_map_shades_all_342_municipalities_with_legend_and_attribution(staff, places):
    response = staff.get(reverse("analysis:map"), {"as_of": "2024-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["chart"].svg.count("<path") == 342
    assert html.count("© CBS, via PDOK (CC BY)") == 2  # in the map itself and in its caption
    assert [label for label, _colour in response.context["chart"].legend][-1] == "Geen specifieke uitkering"
    assert "<title>Rotterdam: €\xa0450.000</title>" in html
    assert {code: row["grant"] for code, row in table(response).items()} == {
        "GM0599": "€\xa0450.000",
        "GM0344": "€\xa0200.000",
        "GM0503": "–",
    }


def test_the_learning_community_layer_tells_members_from_former_members(staff, places):
    response = staff.get(reverse("analysis:map"), {"as_of": "2024-12-31", "layer": "learning_community"})
    rows = table(response)
    assert rows["GM0599"]["learning"] == "neemt deel sinds 1 juni 2023"
    assert rows["GM0344"]["learning"] == "heeft deelgenomen tot 1 maart 2024"
    assert rows["GM0503"]["learning"] == "nee"
    legend = [label for label, _colour in response.context["chart"].legend]
    assert legend == ["Neemt deel", "Heeft deelgenomen", "Neemt niet deel"]


def test_reach_counts_submitted_and_accepted_reports_of_ended_half_years_only(staff, places):
    response = staff.get(reverse("analysis:map"), {"as_of": "2024-12-31", "layer": "reach"})
    rows = table(response)
    assert {code: row["reach"] for code, row in rows.items()} == {
        "GM0599": "120",
        "GM0344": "geen verslagen",
        "GM0503": "35",
    }
    # Before the half-year ended, nothing is counted yet: no data rather than zero.
    early = table(staff.get(reverse("analysis:map"), {"as_of": "2024-06-01", "layer": "reach"}))
    assert early["GM0599"]["reach"] == "geen verslagen"


def test_a_bad_layer_or_date_is_explained_and_the_map_still_shows(staff, places):
    response = staff.get(reverse("analysis:map"), {"layer": "vulkanen", "as_of": "2024-12-31"})
    assert response.status_code == 400
    assert "Kies een van de kaartlagen hieronder." in response.content.decode()
    assert response.context["layer"] == "grants" and response.context["as_of"] == D(2024, 12, 31)
    bad_date = staff.get(reverse("analysis:map"), {"as_of": "31-02-2024"})
    assert bad_date.status_code == 400 and "Dit is geen bestaande datum." in bad_date.content.decode()


def test_the_map_takes_a_fixed_number_of_queries(staff, places, django_assert_num_queries):
    with django_assert_num_queries(12):
        assert staff.get(reverse("analysis:map"), {"layer": "reach"}).status_code == 200
    for code in ("GM0014", "GM0363", "GM0518"):
        municipality = Municipality.objects.get(cbs_code=code)
        GrantFactory(municipality=municipality)
        LearningCommunityMembershipFactory(municipality=municipality)
    with django_assert_num_queries(12):
        assert staff.get(reverse("analysis:map"), {"layer": "reach"}).status_code == 200
