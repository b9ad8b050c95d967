"""The programme's public pages: anyone reads them in Dutch or English; staff edit the words, with history."""

import pytest
from django.urls import reverse

from agenda.models import ActionLine, GuidingPrinciple, Phenomenon, ProtectiveFactor, RelatedProgramme

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_vision_definitions_lines_principles_and_related_programmes(client, programme):
    response = client.get(reverse("agenda:programme_public"), {"programme": programme.code})

    assert response.status_code == 200
    page = response.content.decode()
    assert programme.vision.split()[0] in page
    assert "Weerbaarheid" in page
    for line in programme.action_lines.all():
        assert line.name in page
        assert line.aim
    for principle in programme.guiding_principles.all():
        assert principle.description[:40] in page
    assert "Nationaal Programma Leefbaarheid en Veiligheid" in page
    assert "wijzigen" not in page


def test_the_programme_page_reads_each_list_in_one_query(client, programme, django_assert_num_queries):
    url = reverse("agenda:programme_public")
    # the session, the programme asked for, the list of programmes, action lines, principles, related programmes
    with django_assert_num_queries(5):
        client.get(url, {"programme": programme.code})


def test_the_factors_page_shows_each_factor_and_phenomenon_with_its_source(client, django_assert_num_queries):
    # resilience levels with their factors (two queries) and the phenomena
    with django_assert_num_queries(3):
        response = client.get(reverse("agenda:factors_public"))

    page = response.content.decode()
    for item in [*ProtectiveFactor.objects.all(), *Phenomenon.objects.all()]:
        assert item.name in page
        assert item.source, item.code
    assert "Nicholson" in page


def test_the_pages_are_in_english_for_an_english_reader(client, programme):
    factor = ProtectiveFactor.objects.get(code="PF09")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("agenda:factors_public")).content.decode()
    programme_page = client.get(reverse("agenda:programme_public")).content.decode()

    assert factor.description_en in page
    assert factor.description not in page
    assert programme.resistance_definition_en in programme_page


def test_staff_change_a_principle_and_the_change_is_in_its_history(staff_client, users, programme):
    principle = GuidingPrinciple.objects.get(programme=programme, code="P3")
    url = reverse("agenda:text_edit", args=["uitgangspunt", principle.pk])

    response = staff_client.post(
        url,
        {"name": principle.name, "name_en": principle.name_en, "description": "Gemeenten kiezen hun gebieden."},
    )

    assert response.status_code == 302
    principle.refresh_from_db()
    assert principle.description == "Gemeenten kiezen hun gebieden."
    latest = principle.history.latest()
    assert latest.history_user == users["alice"]
    page = staff_client.get(url).content.decode()
    assert "Geschiedenis" in page and "Gemeenten kiezen hun gebieden." in page


def test_staff_see_edit_links_on_the_public_pages(staff_client, programme):
    line = ActionLine.objects.get(programme=programme, code="AL1")
    page = staff_client.get(reverse("agenda:programme_public")).content.decode()

    assert reverse("agenda:text_edit", args=["actielijn", line.pk]) in page


def test_an_empty_name_is_refused_and_keeps_what_was_typed(staff_client):
    factor = ProtectiveFactor.objects.get(code="PF01")
    response = staff_client.post(
        reverse("agenda:text_edit", args=["beschermende-factor", factor.pk]),
        {"name": "", "description": "Nieuwe omschrijving"},
    )

    assert response.status_code == 400
    assert "Nieuwe omschrijving" in response.content.decode()
    factor.refresh_from_db()
    assert factor.description != "Nieuwe omschrijving"


def test_an_unknown_kind_of_text_is_not_found(staff_client):
    assert staff_client.get(reverse("agenda:text_edit", args=["kpi", 1])).status_code == 404


def test_staff_add_a_related_programme(staff_client, programme):
    response = staff_client.post(
        reverse("agenda:related_programme_create", args=[programme.code]),
        {"name": "Programma Samen Sterk", "ministry": "Ministerie van Justitie en Veiligheid", "order": 9},
    )

    assert response.status_code == 302
    related = RelatedProgramme.objects.get(programme=programme, name="Programma Samen Sterk")
    assert related.history.count() == 1


def test_others_cannot_edit(municipality_client, programme):
    url = reverse("agenda:text_edit", args=["programma", programme.pk])
    assert municipality_client.post(url, {"vision": "x"}).status_code == 403
