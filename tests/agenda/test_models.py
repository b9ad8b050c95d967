"""The programme's models: how they name themselves, what a manual KPI is, and the rules the database keeps."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from agenda.models import ActionLine, Activity, Event, Expenditure, Kpi, KpiMeasurement, Programme

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_kpi_is_manual_only_when_staff_record_its_value():
    assert Kpi.objects.get(code="K10").is_manual
    assert not Kpi.objects.get(code="K05").is_manual
    assert sorted(kpi.code for kpi in Kpi.objects.all() if kpi.is_manual) == sorted(
        Kpi.objects.filter(measure=Kpi.MANUAL).values_list("code", flat=True)
    )


def test_objects_name_themselves_by_code_date_and_amount(programme):
    line = ActionLine.objects.get(programme=programme, code="AL2")
    assert str(line) == f"AL2 {line.label}"
    kpi = Kpi.objects.get(code="K10")
    assert str(kpi) == f"K10 {kpi.label}"
    measurement = KpiMeasurement(kpi=kpi, measured_on=D(2024, 5, 1), value=Decimal("1.00"))
    assert str(measurement) == "K10 01-05-2024: 1.00"
    expenditure = Expenditure(programme=programme, amount=Decimal("12.50"), date=D(2024, 3, 9), source="Factuur 3")
    assert str(expenditure) == "09-03-2024 Factuur 3: € 12.50"
    activity = Activity.objects.filter(action_line=line).first()
    assert str(Event(activity=activity, title="Werkplaats", held_on=D(2024, 11, 2))) == "Werkplaats (02-11-2024)"


def test_a_programme_must_end_after_it_starts(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(code="terug", name="Terug in de tijd", starts_on=D(2025, 1, 1), ends_on=D(2025, 1, 1))


def test_a_kpi_with_a_deadline_period_needs_its_deadline(programme):
    line = ActionLine.objects.get(programme=programme, code="AL1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Kpi.objects.create(programme=programme, action_line=line, code="K99", name="Zonder deadline", target=1)
    Kpi.objects.create(
        programme=programme, action_line=line, code="K98", name="Per jaar", target=1, period=Kpi.Period.PER_YEAR
    )


def test_one_measurement_per_kpi_per_day_is_kept_by_the_database():
    kpi = Kpi.objects.get(code="K10")
    KpiMeasurement.objects.create(kpi=kpi, measured_on=D(2024, 5, 1), value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        KpiMeasurement.objects.create(kpi=kpi, measured_on=D(2024, 5, 1), value=0)


def test_codes_are_unique_within_a_programme(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLine.objects.create(programme=programme, code="AL1", name="Tweede AL1")
