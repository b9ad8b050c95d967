"""The SCP framework made visible: the portfolio matrix in the register and the catalogue, its filters,
and where each intervention sits."""

import pytest
from django.urls import reverse

from interventions.models import Intervention
from interventions.selectors.scp import heat_level, scp_counts
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    """Three adaptation x horizontal (one not public), one coping x collaboration, one without a place."""
    made = [
        InterventionFactory(name="Buurtkracht", capacity="adaptation", connection="horizontal"),
        InterventionFactory(name="Samen Sterk", capacity="adaptation", connection="horizontal"),
        InterventionFactory(name="Nog Intern", capacity="adaptation", connection="horizontal", is_public=False),
        InterventionFactory(name="Eerste Hulp", capacity="coping", connection="collaboration"),
        InterventionFactory(name="Half Ingedeeld", capacity="transformation", connection=""),
    ]
    return made


def test_the_matrix_counts_each_cell_once_per_intervention(portfolio):
    data = scp_counts(Intervention.objects.all())
    assert data["counts"]["adaptation"]["horizontal"] == 3
    assert data["counts"]["coping"]["collaboration"] == 1
    assert data["counts"]["transformation"]["horizontal"] == 0
    assert data["unclassified"] == 1
    assert data["total"] == 5
    # Joins through many-to-many filters do not count an intervention twice.
    assert scp_counts(Intervention.objects.filter(protective_factors__code__in=["PF01", "PF02"]))["total"] == 5


def test_a_cell_is_shaded_by_its_share_of_the_largest():
    assert [heat_level(n, 8) for n in (0, 1, 2, 4, 6, 8)] == [0, 1, 2, 3, 4, 4]


def test_the_register_shows_the_matrix_with_counts_and_links_to_each_cell(staff_client, portfolio):
    html = staff_client.get(reverse("interventions:intervention_list")).content.decode()
    assert "Het portfolio in het SCP-kader" in html
    cell = reverse("interventions:intervention_list") + "?capacity=adaptation&amp;connection=horizontal"
    assert f'<a href="{cell}">3<span class="visually-hidden">' in html
    assert "1 interventie heeft (nog) geen volledige plaats in het kader" in html


def test_a_cell_filters_the_register_and_keeps_the_other_filters(staff_client, portfolio):
    url = reverse("interventions:intervention_list")
    page = staff_client.get(url, {"capacity": "adaptation", "connection": "horizontal", "is_public": "yes"})
    names = [i.name for i in page.context["page_obj"]]
    assert names == ["Buurtkracht", "Samen Sterk"]
    html = page.content.decode()
    # The other cells are counted with the other filters (public only) and keep them in their links.
    assert 'is_public=yes&amp;capacity=coping&amp;connection=collaboration"' in html
    assert 'aria-current="true">2<' in html


def test_interventions_without_a_full_place_can_be_listed(staff_client, portfolio):
    page = staff_client.get(reverse("interventions:intervention_list"), {"capacity": "none"})
    assert [i.name for i in page.context["page_obj"]] == ["Half Ingedeeld"]


def test_the_catalogue_counts_only_public_interventions_and_filters_on_a_cell(client, portfolio):
    page = client.get(reverse("interventions:catalogue"))
    html = page.content.decode()
    cell = reverse("interventions:catalogue") + "?capacity=adaptation&amp;connection=horizontal"
    assert f'<a href="{cell}">2<span class="visually-hidden">' in html
    assert "Kies in het SCP-kader" in html
    filtered = client.get(reverse("interventions:catalogue"), {"capacity": "coping", "connection": "collaboration"})
    assert [i.name for i in filtered.context["page_obj"]] == ["Eerste Hulp"]


def test_each_intervention_page_says_where_it_sits(client, staff_client, portfolio):
    intervention = portfolio[0]
    public = client.get(reverse("interventions:catalogue_detail", args=[intervention.slug])).content.decode()
    register = staff_client.get(intervention.get_absolute_url()).content.decode()
    for html in (public, register):
        assert "Plaats in het SCP-kader" in html
        assert "Veerkrachtcapaciteit <strong>Adaptatie</strong>, met <strong>horizontale verbinding</strong>" in html
        assert html.count(">hier<") == 1
    unplaced = client.get(reverse("interventions:catalogue_detail", args=[portfolio[4].slug])).content.decode()
    assert "nog geen (volledige) plaats in het SCP-kader" in unplaced
