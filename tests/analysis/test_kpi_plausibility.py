"""A KPI measurement is a plausible number for its unit, and a wrong one is withdrawn with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import Kpi, KpiMeasurement
from analysis.kpis import evaluate_all, members
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return make_user("alice", role="staff")


@pytest.fixture
def staff(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture(autouse=True)
def _k12_by_hand(programme):
    """K12 as a count staff record by hand: the plausibility rules of a count (the reference data counts K12
    from the recorded inventories now, and has no manual count KPI left)."""
    Kpi.objects.filter(programme=programme, code="K12").update(measure=Kpi.MANUAL)


@pytest.fixture
def percent_kpi(programme):
    return Kpi.objects.create(
        programme=programme,
        action_line=programme.action_lines.get(code="AL1"),
        code="K99",
        name="Tevreden deelnemers",
        target=Decimal("80"),
        unit=Kpi.Unit.PERCENT,
        period=Kpi.Period.PER_YEAR,
    )


def create_url(code: str = "K12") -> str:
    return reverse("analysis:kpi_measurement_create", args=[code])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2,5", "Een aantal is een heel getal"),
        ("1000001", "Een aantal van meer dan 1.000.000 is niet aannemelijk"),
    ],
)
def test_a_count_is_a_whole_number_of_at_most_a_million(staff, value, message):
    response = staff.post(create_url(), {"measured_on": "2024-05-01", "value": value})
    assert response.status_code == 400
    assert message in response.context["form"].errors["value"][0]
    assert not KpiMeasurement.objects.exists()


@pytest.mark.parametrize(("value", "accepted"), [("0", True), ("100", True), ("100,5", False), ("-1", False)])
def test_a_percentage_lies_between_0_and_100(staff, percent_kpi, value, accepted):
    response = staff.post(create_url("K99"), {"measured_on": "2024-05-01", "value": value})
    assert (response.status_code == 302) == accepted
    assert KpiMeasurement.objects.exists() == accepted


def test_more_than_a_hundred_times_the_target_needs_a_confirmation(staff):
    # K12's target is 1: 101 is more than 100 times it.
    first = staff.post(create_url(), {"measured_on": "2024-05-01", "value": "101", "note": "Telling van de staf"})
    assert first.status_code == 400
    html = first.content.decode()
    assert "101 is meer dan 100 keer de streefwaarde (1)" in html
    assert 'name="confirm"' in html
    assert 'value="101"' in html and "Telling van de staf" in html  # nothing typed is lost
    assert not KpiMeasurement.objects.exists()
    confirmed = staff.post(
        create_url(), {"measured_on": "2024-05-01", "value": "101", "note": "Telling van de staf", "confirm": "on"}
    )
    assert confirmed.status_code == 302
    assert KpiMeasurement.objects.get().value == 101


def test_the_confirmation_box_is_not_shown_for_a_plausible_value(staff):
    page = staff.get(create_url()).content.decode()
    assert 'name="confirm"' not in page
    assert staff.post(create_url(), {"measured_on": "2024-05-01", "value": "100"}).status_code == 302


def _measurement(alice, value="3", day=datetime.date(2024, 5, 1)):
    return KpiMeasurement.objects.create(
        kpi=Kpi.objects.get(code="K12"), measured_on=day, value=Decimal(value), recorded_by=alice
    )


def test_a_withdrawn_measurement_no_longer_counts_and_stays_in_the_history(staff, alice):
    kept = _measurement(alice, "1", datetime.date(2024, 3, 1))
    wrong = _measurement(alice, "3")
    kpi = Kpi.objects.get(code="K12")
    as_of = datetime.date(2024, 6, 30)
    assert evaluate_all([kpi], as_of)[0].value == 3
    url = reverse("analysis:kpi_measurement_withdraw", args=["K12", wrong.pk])
    response = staff.post(url, {"reason": "Dubbel geteld."})
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.is_withdrawn and wrong.withdrawal_reason == "Dubbel geteld."
    assert evaluate_all([kpi], as_of)[0].value == 1
    assert [m.pk for m in (c for c in members(kpi, as_of))] == [kept.pk]
    record = wrong.history.first()
    assert (record.history_user, record.history_change_reason, record.withdrawal_reason) == (
        alice,
        "Dubbel geteld.",
        "Dubbel geteld.",
    )
    page = staff.get(reverse("analysis:kpi_detail", args=["K12"]), {"as_of": "2024-06-30"}).content.decode()
    assert "Ingetrokken" in page and "Dubbel geteld." in page


def test_a_withdrawal_needs_a_reason(staff, alice):
    wrong = _measurement(alice)
    response = staff.post(reverse("analysis:kpi_measurement_withdraw", args=["K12", wrong.pk]), {"reason": " "})
    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode()
    wrong.refresh_from_db()
    assert not wrong.is_withdrawn


def test_a_withdrawn_measurement_frees_its_day_and_cannot_be_changed(staff, alice):
    wrong = _measurement(alice)
    staff.post(reverse("analysis:kpi_measurement_withdraw", args=["K12", wrong.pk]), {"reason": "Onjuiste bron."})
    edit = staff.post(
        reverse("analysis:kpi_measurement_edit", args=["K12", wrong.pk]), {"measured_on": "2024-05-01", "value": "2"}
    )
    assert edit.status_code == 400
    assert "is ingetrokken" in edit.content.decode()
    assert staff.post(create_url(), {"measured_on": "2024-05-01", "value": "2"}).status_code == 302
    assert KpiMeasurement.objects.filter(withdrawn_at__isnull=True).get().value == 2
