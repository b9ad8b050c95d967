"""Staff record dated values of manual KPIs: checked like the database checks them, kept in the history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Kpi, KpiMeasurement
from agenda.services import kpi_measurement_save
from tests.factories import make_user

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def alice(db):
    return make_user("alice", role="staff")


@pytest.fixture
def staff(client, alice):
    client.force_login(alice)
    return client


def create_url(code: str = "K10") -> str:
    return reverse("analysis:kpi_measurement_create", args=[code])


def test_staff_record_a_measurement_and_the_kpi_shows_it(staff, alice):
    response = staff.post(create_url(), {"measured_on": "2024-12-13", "value": "1", "note": "Inventarisatie klaar."})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:kpi_detail", args=["K10"]) + "#metingen"
    measurement = KpiMeasurement.objects.get(kpi__code="K10")
    assert (measurement.measured_on, measurement.value, measurement.recorded_by) == (D(2024, 12, 13), 1, alice)
    assert measurement.history.get().history_user == alice
    page = staff.get(reverse("analysis:kpi_detail", args=["K10"]), {"as_of": "2024-12-31"})
    assert "De meting van K10 op 13 december 2024 is vastgelegd." in page.content.decode()
    assert page.context["row"].value == 1
    assert [line.who for line in page.context["measurement_history"]] == ["alice"]


def test_a_day_format_people_type_is_understood(staff):
    assert staff.post(create_url(), {"measured_on": "13-12-2024", "value": "1"}).status_code == 302
    assert KpiMeasurement.objects.get().measured_on == D(2024, 12, 13)


@pytest.mark.parametrize(
    ("code", "data", "field", "message"),
    [
        ("K10", {"measured_on": "2024-05-01", "value": "-1"}, "value", "De waarde kan niet negatief zijn."),
        ("K10", {"measured_on": "2024-05-01", "value": "veel"}, "value", "Voer een getal in."),
        ("K10", {"measured_on": "2024-05-01", "value": ""}, "value", "Dit veld is vereist."),
        ("K10", {"measured_on": "2024-31-05", "value": "1"}, "measured_on", "Dit is geen bestaande datum."),
        ("K10", {"measured_on": "2022-12-31", "value": "1"}, "measured_on", "ligt vóór de start van het programma"),
        ("K10", {"measured_on": "2999-01-01", "value": "1"}, "measured_on", "ligt in de toekomst"),
        ("K04", {"measured_on": "2023-11-01", "value": "2"}, "value", "Een mijlpaal is 0 (nog niet bereikt) of 1"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_typed_is_lost(staff, code, data, field, message):
    data = {**data, "note": "Wat ik typte."}
    response = staff.post(create_url(code), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Wat ik typte." in html
    assert f'value="{data["measured_on"]}"' in html
    assert not KpiMeasurement.objects.exists()


def test_a_second_measurement_on_the_same_day_is_refused(staff, alice):
    kpi = Kpi.objects.get(code="K10")
    kpi_measurement_save(measurement=KpiMeasurement(kpi=kpi, measured_on=D(2024, 5, 1), value=1), by=alice)
    response = staff.post(create_url(), {"measured_on": "2024-05-01", "value": "0", "note": "Tweede."})
    assert response.status_code == 400
    assert response.context["form"].errors["measured_on"] == [
        "Voor K10 is op 1 mei 2024 al een meting vastgelegd. Wijzig die meting, of kies een andere peildatum."
    ]
    assert KpiMeasurement.objects.get().value == 1


def test_correcting_a_measurement_keeps_what_it_was_in_the_history(staff, alice):
    bob = make_user("bob", role="staff")
    kpi = Kpi.objects.get(code="K10")
    measurement = kpi_measurement_save(measurement=KpiMeasurement(kpi=kpi, measured_on=D(2024, 5, 1), value=0), by=bob)
    url = reverse("analysis:kpi_measurement_edit", args=["K10", measurement.pk])
    assert staff.post(url, {"measured_on": "2024-05-01", "value": "1", "note": "Toch afgerond."}).status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == 1
    assert measurement.recorded_by == bob  # who recorded it first stays; the history says who changed it
    assert [(h.history_user, h.value) for h in measurement.history.order_by("history_id")] == [
        (bob, Decimal("0.00")),
        (alice, Decimal("1.00")),
    ]
    page = staff.get(url).content.decode()
    assert "Geschiedenis" in page and "Gewijzigd" in page


def test_a_computed_kpi_takes_no_measurements(staff, alice):
    assert staff.get(create_url("K05")).status_code == 404
    assert staff.post(create_url("K05"), {"measured_on": "2024-05-01", "value": "3"}).status_code == 404
    with pytest.raises(Exception, match="wordt door de portal berekend"):
        kpi_measurement_save(
            measurement=KpiMeasurement(kpi=Kpi.objects.get(code="K05"), measured_on=D(2024, 5, 1), value=3),
            by=alice,
        )


def test_a_measurement_of_another_kpi_is_not_found_under_this_one(staff, alice):
    other = kpi_measurement_save(
        measurement=KpiMeasurement(kpi=Kpi.objects.get(code="K04"), measured_on=D(2024, 5, 1), value=1), by=alice
    )
    assert staff.get(reverse("analysis:kpi_measurement_edit", args=["K10", other.pk])).status_code == 404


def test_the_form_on_the_drill_down_suggests_today(staff):
    page = staff.get(reverse("analysis:kpi_detail", args=["K10"]))
    assert page.context["measurement_form"]["measured_on"].value() == timezone.localdate()
    assert f'action="{create_url()}"' in page.content.decode()
