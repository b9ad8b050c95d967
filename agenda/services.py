"""Writes to the programme's own records: manual KPI measurements and expenditures.

Each write validates like the database does (``full_clean``), names who made it in
the object's history, and turns a race on a unique constraint into a validation
error instead of a server error.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import Expenditure, KpiMeasurement
from core.history import save_with_history


def duplicate_measurement_error(measurement: KpiMeasurement) -> ValidationError:
    """The message for a second measurement of one KPI on one day."""
    return ValidationError(
        gettext(
            "Voor %(kpi)s is op %(date)s al een meting vastgelegd. Wijzig die meting, of kies een andere peildatum."
        )
        % {"kpi": measurement.kpi.code, "date": date_format(measurement.measured_on, "j F Y")},
        code="duplicate_day",
    )


def kpi_measurement_save(*, measurement: KpiMeasurement, by: User) -> KpiMeasurement:
    """Record or correct a dated value of a manual KPI; one measurement per KPI per day."""
    if not measurement.kpi.is_manual:
        raise ValidationError(
            gettext("%(kpi)s wordt door de portal berekend; daarvoor legt u geen metingen vast.")
            % {"kpi": measurement.kpi.code},
            code="not_manual",
        )
    duplicate = KpiMeasurement.objects.filter(kpi=measurement.kpi, measured_on=measurement.measured_on)
    if measurement.pk:
        duplicate = duplicate.exclude(pk=measurement.pk)
    if measurement.measured_on and duplicate.exists():
        raise duplicate_measurement_error(measurement)
    if measurement.recorded_by_id is None:
        measurement.recorded_by = by
    try:
        with transaction.atomic():
            return save_with_history(instance=measurement, by=by)
    except IntegrityError:
        # Someone else recorded the same day between the check and the insert.
        raise duplicate_measurement_error(measurement) from None


def expenditure_save(*, expenditure: Expenditure, by: User) -> Expenditure:
    """Record or correct money committed or spent outside the grants."""
    if expenditure.recorded_by_id is None:
        expenditure.recorded_by = by
    with transaction.atomic():
        return save_with_history(instance=expenditure, by=by)


def programme_text_save(*, instance: Model, by: User) -> Model:
    """Save a change to the programme's own words (vision, definitions, action lines, principles,
    protective factors, phenomena, related programmes), recorded in its history."""
    return save_with_history(instance=instance, by=by)
