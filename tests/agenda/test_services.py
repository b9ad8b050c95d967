"""The programme's own writes: manual KPI measurements and expenditures, each with its history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agenda.models import Expenditure, Kpi, KpiMeasurement
from agenda.services import expenditure_save, kpi_measurement_save

pytestmark = pytest.mark.django_db

D = datetime.date
MAY_1 = D(2024, 5, 1)


def _measurement(code: str = "K10", day: datetime.date = MAY_1, value: str = "1", **fields) -> KpiMeasurement:
    return KpiMeasurement(kpi=Kpi.objects.get(code=code), measured_on=day, value=Decimal(value), **fields)


def test_a_measurement_is_saved_with_who_recorded_it_and_one_history_entry(users):
    saved = kpi_measurement_save(measurement=_measurement(note="Werkplaats opgericht."), by=users["alice"])
    stored = KpiMeasurement.objects.get(pk=saved.pk)
    assert (stored.kpi.code, stored.measured_on, stored.value, stored.note) == (
        "K10",
        D(2024, 5, 1),
        Decimal("1.00"),
        "Werkplaats opgericht.",
    )
    assert stored.recorded_by == users["alice"]
    entry = stored.history.get()
    assert (entry.history_type, entry.history_user) == ("+", users["alice"])


def test_a_correction_keeps_the_first_recorder_and_names_the_corrector_in_the_history(users):
    measurement = kpi_measurement_save(measurement=_measurement(value="0"), by=users["alice"])
    measurement.value = Decimal("1")
    kpi_measurement_save(measurement=measurement, by=users["dave"])
    stored = KpiMeasurement.objects.get(pk=measurement.pk)
    assert (stored.value, stored.recorded_by) == (Decimal("1.00"), users["alice"])
    assert [(h.history_type, h.history_user, h.value) for h in stored.history.order_by("history_id")] == [
        ("+", users["alice"], Decimal("0.00")),
        ("~", users["dave"], Decimal("1.00")),
    ]


def test_a_second_measurement_on_the_same_day_is_refused_and_nothing_is_written(users):
    kpi_measurement_save(measurement=_measurement(value="0"), by=users["alice"])
    with pytest.raises(ValidationError) as error:
        kpi_measurement_save(measurement=_measurement(value="1"), by=users["alice"])
    assert error.value.code == "duplicate_day"
    assert "Voor K10 is op 1 mei 2024 al een meting vastgelegd" in error.value.messages[0]
    assert list(KpiMeasurement.objects.values_list("value", flat=True)) == [Decimal("0.00")]
    assert KpiMeasurement.history.count() == 1


def test_the_same_day_of_another_kpi_or_another_day_of_the_same_kpi_is_accepted(users):
    kpi_measurement_save(measurement=_measurement("K10", D(2024, 5, 1)), by=users["alice"])
    kpi_measurement_save(measurement=_measurement("K04", D(2024, 5, 1)), by=users["alice"])
    kpi_measurement_save(measurement=_measurement("K10", D(2024, 5, 2)), by=users["alice"])
    assert sorted(KpiMeasurement.objects.values_list("kpi__code", "measured_on")) == [
        ("K04", D(2024, 5, 1)),
        ("K10", D(2024, 5, 1)),
        ("K10", D(2024, 5, 2)),
    ]


def test_saving_a_measurement_again_on_its_own_day_is_not_a_duplicate(users):
    measurement = kpi_measurement_save(measurement=_measurement(), by=users["alice"])
    measurement.note = "Aangevuld."
    kpi_measurement_save(measurement=measurement, by=users["alice"])
    assert KpiMeasurement.objects.get().note == "Aangevuld."


def test_moving_a_measurement_onto_the_day_of_another_is_refused(users):
    kpi_measurement_save(measurement=_measurement(day=D(2024, 5, 1)), by=users["alice"])
    other = kpi_measurement_save(measurement=_measurement(day=D(2024, 6, 1)), by=users["alice"])
    other.measured_on = D(2024, 5, 1)
    with pytest.raises(ValidationError) as error:
        kpi_measurement_save(measurement=other, by=users["alice"])
    assert error.value.code == "duplicate_day"
    assert KpiMeasurement.objects.get(pk=other.pk).measured_on == D(2024, 6, 1)


def test_a_kpi_the_portal_computes_takes_no_measurement(users):
    with pytest.raises(ValidationError) as error:
        kpi_measurement_save(measurement=_measurement("K05"), by=users["alice"])
    assert error.value.code == "not_manual"
    assert "K05 wordt door de portal berekend" in error.value.messages[0]
    assert not KpiMeasurement.objects.exists()


def test_a_negative_measurement_is_a_validation_error_not_a_database_error(users):
    with pytest.raises(ValidationError) as error:
        kpi_measurement_save(measurement=_measurement(value="-1"), by=users["alice"])
    assert "value" in error.value.message_dict or "__all__" in error.value.message_dict
    assert not KpiMeasurement.objects.exists()


def _expenditure(programme, **fields) -> Expenditure:
    values = {"programme": programme, "amount": Decimal("1250.50"), "date": D(2024, 3, 1), "source": "Factuur 17"}
    return Expenditure(**{**values, **fields})


def test_an_expenditure_is_saved_with_who_recorded_it_and_its_history(programme, users):
    saved = expenditure_save(expenditure=_expenditure(programme), by=users["alice"])
    stored = Expenditure.objects.get(pk=saved.pk)
    assert (stored.amount, stored.kind, stored.recorded_by) == (Decimal("1250.50"), "spent", users["alice"])
    entry = stored.history.get()
    assert (entry.history_type, entry.history_user) == ("+", users["alice"])


def test_a_corrected_expenditure_keeps_its_recorder_and_adds_a_history_entry(programme, users):
    expenditure = expenditure_save(expenditure=_expenditure(programme), by=users["alice"])
    expenditure.amount = Decimal("1300")
    expenditure.kind = Expenditure.Kind.COMMITTED
    expenditure_save(expenditure=expenditure, by=users["dave"])
    stored = Expenditure.objects.get(pk=expenditure.pk)
    assert (stored.amount, stored.kind, stored.recorded_by) == (Decimal("1300.00"), "committed", users["alice"])
    assert [(h.history_user, h.amount) for h in stored.history.order_by("history_id")] == [
        (users["alice"], Decimal("1250.50")),
        (users["dave"], Decimal("1300.00")),
    ]


def test_an_invalid_expenditure_is_refused_before_anything_is_written(programme, users):
    with pytest.raises(ValidationError) as error:
        expenditure_save(expenditure=_expenditure(programme, amount=Decimal("-5"), source=""), by=users["alice"])
    assert "source" in error.value.message_dict
    assert not Expenditure.objects.exists()
    assert not Expenditure.history.exists()
