"""Staff start a new programme from an existing one and keep its structure in the portal, with history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import ActionLine, Activity, BudgetLine, GuidingPrinciple, Kpi, Programme

pytestmark = pytest.mark.django_db

NEW = {
    "code": "agenda-2025-2030",
    "name": "Meerjarenplan 2025-2030",
    "name_en": "Multi-year plan 2025-2030",
    "owner": "SZW",
    "starts_on": "2025-07-01",
    "ends_on": "2030-12-31",
    "mission": "Verder bouwen.",
    "mission_en": "",
}


@pytest.fixture
def copied(staff_client, programme):
    response = staff_client.post(reverse("agenda:programme_copy"), {"source": programme.pk, **NEW})
    assert response.status_code == 302
    return Programme.objects.get(code="agenda-2025-2030")


def test_a_new_programme_copies_the_structure_of_the_old_one(programme, copied):
    assert list(copied.action_lines.values_list("code", "name")) == list(
        programme.action_lines.values_list("code", "name")
    )
    assert copied.guiding_principles.count() == programme.guiding_principles.count() == 4
    assert (
        Activity.objects.filter(action_line__programme=copied).count()
        == Activity.objects.filter(action_line__programme=programme).count()
    )
    kpis = list(copied.kpis.select_related("action_line"))
    assert len(kpis) == 12
    assert all(kpi.action_line.programme_id == copied.pk for kpi in kpis)
    assert not any(kpi.is_complete for kpi in kpis)
    k02 = copied.kpis.get(code="K02")
    assert k02.deadline == datetime.date(2030, 12, 31)  # to be filled in; the old one was in 2025
    # The budget's structure: the categories per action line, without amounts.
    assert sorted(copied.budget_lines.values_list("category", "action_line__code", "planned")) == sorted(
        (category, code, Decimal(0))
        for category, code in programme.budget_lines.values_list("category", "action_line__code")
    )
    # The old programme is untouched.
    assert programme.kpis.filter(is_complete=True).count() == 12


def test_the_copy_is_in_the_history_of_each_part(users, copied):
    record = Kpi.history.filter(programme_id=copied.pk, code="K01").get()
    assert (record.history_type, record.history_user) == ("+", users["alice"])
    assert copied.history.get().history_change_reason == "Overgenomen van agenda-2023-2025"


def test_the_page_says_which_kpis_are_still_to_complete(staff_client, copied):
    html = staff_client.get(reverse("agenda:programme_detail", args=[copied.code])).content.decode()
    assert "KPI's nog niet compleet" in html
    assert "12 KPI's zijn overgenomen uit een vorig programma" in html
    assert html.count("nog invullen") == 12


def test_completing_a_copied_kpi(staff_client, copied):
    kpi = copied.kpis.get(code="K05")
    url = reverse("agenda:kpi_edit", args=[copied.code, kpi.pk])
    assert "nog niet compleet" in staff_client.get(url).content.decode()
    response = staff_client.post(
        url,
        {
            "action_line": kpi.action_line_id,
            "code": "K05",
            "name": kpi.name,
            "name_en": kpi.name_en,
            "description": "",
            "target": "20",
            "unit": "count",
            "period": "deadline",
            "deadline": "2030-12-31",
            "measure": kpi.measure,
            "measure_description": "",
            "order": 5,
        },
    )
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.target, kpi.is_complete) == (Decimal("20"), True)
    assert kpi.history.first().history_type == "~"


def test_a_deadline_kpi_without_deadline_is_refused_and_kept(staff_client, programme):
    line = programme.action_lines.get(code="AL1")
    response = staff_client.post(
        reverse("agenda:kpi_create", args=[programme.code]),
        {"action_line": line.pk, "code": "K13", "name": "Nieuw", "target": "3", "unit": "count",
         "period": "deadline", "deadline": "", "measure": "manual", "order": 13},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Vul de deadline in" in response.content.decode()
    assert 'value="Nieuw"' in response.content.decode()


def test_staff_edit_the_programme_action_lines_and_principles_with_history(staff_client, programme, users):
    response = staff_client.post(
        reverse("agenda:programme_edit", args=[programme.code]),
        {"name": programme.name, "name_en": programme.name_en, "owner": programme.owner,
         "starts_on": "2023-01-01", "ends_on": "2025-06-30", "mission": "Nieuwe missie.", "mission_en": ""},
    )  # fmt: skip
    assert response.status_code == 302
    line = programme.action_lines.get(code="AL3")
    staff_client.post(
        reverse("agenda:action_line_edit", args=[programme.code, line.pk]),
        {"code": "AL3", "name": "Samenwerking versterken", "name_en": "", "description": "", "order": 3},
    )
    staff_client.post(
        reverse("agenda:guiding_principle_create", args=[programme.code]),
        {"code": "P5", "name": "Samen leren", "name_en": "", "description": "", "order": 5},
    )
    programme.refresh_from_db()
    assert programme.mission == "Nieuwe missie."
    assert ActionLine.objects.get(pk=line.pk).name == "Samenwerking versterken"
    assert GuidingPrinciple.objects.filter(programme=programme, code="P5").exists()
    page = staff_client.get(reverse("agenda:action_line_edit", args=[programme.code, line.pk])).content.decode()
    assert "Samenwerking versterken" in page and "Geschiedenis" in page
    assert ActionLine.history.filter(id=line.pk, history_user=users["alice"]).exists()


def test_a_duplicate_action_line_code_is_a_message_not_an_error(staff_client, programme):
    response = staff_client.post(
        reverse("agenda:action_line_create", args=[programme.code]),
        {"code": "AL1", "name": "Dubbel", "name_en": "", "description": "", "order": 9},
    )
    assert response.status_code == 400
    assert programme.action_lines.filter(name="Dubbel").count() == 0


def test_staff_change_a_budget_line_average(staff_client, programme):
    budget_line = BudgetLine.objects.get(programme=programme, action_line__code="AL4")
    response = staff_client.post(
        reverse("agenda:budget_line_edit", args=[programme.code, budget_line.pk]),
        {"action_line": budget_line.action_line_id, "category": budget_line.category, "planned": "120.000"},
    )
    assert response.status_code == 302
    budget_line.refresh_from_db()
    assert budget_line.planned == Decimal("120000")


def test_a_part_of_another_programme_is_not_found(staff_client, programme, copied):
    other_line = copied.action_lines.get(code="AL1")
    url = reverse("agenda:action_line_edit", args=[programme.code, other_line.pk])
    assert staff_client.get(url).status_code == 404


def test_the_programme_list_takes_a_fixed_number_of_queries(staff_client, copied, django_assert_num_queries):
    staff_client.get(reverse("agenda:programme_list"))
    # Two of them are the header's switcher: the programmes, and (with two of them) the one the user chose.
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("agenda:programme_list"))
    assert len(response.context["programmes"]) == 2


def test_the_programme_page_takes_a_fixed_number_of_queries(staff_client, programme, django_assert_num_queries):
    url = reverse("agenda:programme_detail", args=[programme.code])
    staff_client.get(url)
    with django_assert_num_queries(12):
        staff_client.get(url)
    Kpi.objects.filter(programme=programme, code="K01").update(is_complete=False)
    with django_assert_num_queries(12):
        staff_client.get(url)
