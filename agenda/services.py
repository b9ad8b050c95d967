"""Writes to the programme's own records: manual KPI measurements, expenditures, events, research
results, policy-theme inventories and board memberships.

Each write validates like the database does (``full_clean``), names who made it in
the object's history, and turns a race on a unique constraint into a validation
error instead of a server error.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import (
    BoardMembership,
    Event,
    Expenditure,
    KpiMeasurement,
    PolicyThemeInventory,
    Programme,
    ProgrammeChoice,
    ResearchResult,
)
from core import uploads
from core.history import save_with_history

MAX_RESEARCH_FILE = 20 * 1024 * 1024


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


def programme_choose(*, user: User, programme: Programme) -> None:
    """Remember the programme a user chose in the header: the pages open in it from now on."""
    ProgrammeChoice.objects.update_or_create(user=user, defaults={"programme": programme})


def event_save(*, event: Event, by: User) -> Event:
    """Record or correct a conference, learning-community session or board meeting."""
    with transaction.atomic():
        return save_with_history(instance=event, by=by)


def research_result_save(*, result: ResearchResult, by: User, upload: UploadedFile | None = None) -> ResearchResult:
    """Record or correct a shared research result; an upload is stored under a name nobody can guess.

    The upload must have passed ``core.uploads.check_upload`` (the form does that).
    """
    if upload is not None:
        kind = uploads.check_upload(upload, name=upload.name or "", size=upload.size or 0, max_bytes=MAX_RESEARCH_FILE)
        result.file_name = uploads.clean_original_name(upload.name or "")
        result.file.save(uploads.storage_name(kind), upload, save=False)
    if not result.file:
        result.file_name = ""
    with transaction.atomic():
        return save_with_history(instance=result, by=by)


def policy_inventory_save(*, inventory: PolicyThemeInventory, by: User) -> PolicyThemeInventory:
    """Record or correct the yearly inventory of policy themes; one per programme and year."""
    duplicate = PolicyThemeInventory.objects.filter(programme=inventory.programme_id, year=inventory.year)
    if inventory.pk:
        duplicate = duplicate.exclude(pk=inventory.pk)
    if duplicate.exists():
        raise duplicate_inventory_error(inventory)
    try:
        with transaction.atomic():
            return save_with_history(instance=inventory, by=by)
    except IntegrityError:
        raise duplicate_inventory_error(inventory) from None


def duplicate_inventory_error(inventory: PolicyThemeInventory) -> ValidationError:
    return ValidationError(
        {
            "year": gettext("Voor %(year)s is al een inventarisatie vastgelegd. Wijzig die inventarisatie.")
            % {"year": inventory.year}
        },
        code="duplicate_year",
    )


def board_membership_save(*, membership: BoardMembership, by: User) -> BoardMembership:
    """Record who sits on the advisory board, for whom, and from when to when."""
    with transaction.atomic():
        return save_with_history(instance=membership, by=by)
