"""Grants in the register: amounts, years and focus areas are checked before the database sees them."""

import pytest
from django.urls import reverse

from municipalities.models import FocusArea, Grant, Municipality

pytestmark = pytest.mark.django_db


def grant_data(programme, **changes) -> dict:
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    values = {
        "programme": programme.pk,
        "municipality": rotterdam.pk,
        "focus_area": FocusArea.objects.filter(municipality=rotterdam).first().pk,
        "regulation": "SPUK Kansrijke Wijk",
        "tranche": 1,
        "theme": "resilience",
        "first_year": 2023,
        "last_year": 2025,
        "amount": "750000.00",
        "awarded_on": "2023-04-01",
    }
    values.update(changes)
    return values


def test_staff_add_a_grant(staff_client, programme):
    response = staff_client.post(reverse("municipalities:grant_create"), grant_data(programme))
    grant = Grant.objects.get()
    assert response["Location"] == reverse("municipalities:grant_detail", args=[grant.pk])
    assert grant.history.get().history_user.username == "alice"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-1"}, "amount", "Het bedrag kan niet negatief zijn."),
        (
            {"first_year": 2025, "last_year": 2023},
            "last_year",
            "Het laatste jaar kan niet voor het eerste jaar liggen.",
        ),
        ({"amount": "abc"}, "amount", "Voer een getal in."),
    ],
)
def test_a_bad_grant_is_a_form_error(staff_client, programme, changes, field, message):
    response = staff_client.post(reverse("municipalities:grant_create"), grant_data(programme, **changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Grant.objects.exists()


def test_the_focus_area_must_lie_in_the_municipality(staff_client, programme):
    elsewhere = FocusArea.objects.exclude(municipality__cbs_code="GM0599").select_related("municipality").first()
    response = staff_client.post(reverse("municipalities:grant_create"), grant_data(programme, focus_area=elsewhere.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["focus_area"] == [
        f"Focusgebied {elsewhere.name} ligt in {elsewhere.municipality.name}, niet in Rotterdam."
    ]


def test_an_amount_change_shows_in_the_history_in_euros(staff_client, programme):
    staff_client.post(reverse("municipalities:grant_create"), grant_data(programme))
    grant = Grant.objects.get()
    staff_client.post(reverse("municipalities:grant_edit", args=[grant.pk]), grant_data(programme, amount="800000.00"))
    html = staff_client.get(reverse("municipalities:grant_detail", args=[grant.pk])).content.decode()
    assert ">Bedrag (euro)</th>" in html
    assert "750.000,00" in html and "800.000,00" in html


def test_the_grant_list_filters_by_year_and_tranche(staff_client, programme):
    staff_client.post(reverse("municipalities:grant_create"), grant_data(programme))
    staff_client.post(
        reverse("municipalities:grant_create"), grant_data(programme, tranche=2, first_year=2026, last_year=2028)
    )
    url = reverse("municipalities:grant_list")
    assert staff_client.get(url, {"year": 2024}).context["page_obj"].paginator.count == 1
    assert staff_client.get(url, {"tranche": 2}).context["page_obj"].paginator.count == 1
    assert staff_client.get(url, {"q": "rotterdam"}).context["page_obj"].paginator.count == 2
    assert staff_client.get(url, {"q": "utrecht"}).context["page_obj"].paginator.count == 0
