"""Writes to the programme's own records: its structure, manual KPI measurements, expenditures, events,
research results, policy-theme inventories and board memberships, and the programme a user chose.

Each write validates like the database does (``full_clean``), names who made it in
the object's history, and turns a race on a unique constraint into a validation
error instead of a server error.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import (
    ActionLine,
    Activity,
    BoardMembership,
    BudgetLine,
    BudgetYearPlan,
    Event,
    Expenditure,
    GuidingPrinciple,
    Kpi,
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
    if measurement.pk and measurement.is_withdrawn:
        raise ValidationError(
            gettext(
                "Deze meting is ingetrokken en kan niet meer worden gewijzigd. Leg zo nodig een nieuwe meting vast."
            ),
            code="withdrawn",
        )
    duplicate = KpiMeasurement.objects.filter(
        kpi=measurement.kpi, measured_on=measurement.measured_on, withdrawn_at__isnull=True
    )
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


def kpi_measurement_withdraw(*, measurement: KpiMeasurement, reason: str, by: User) -> KpiMeasurement:
    """Withdraw a measurement with a reason: it stays in the history but no longer counts."""
    if not reason.strip():
        raise ValidationError(gettext("Geef een reden waarom de meting wordt ingetrokken."), code="reason_required")
    if measurement.is_withdrawn:
        raise ValidationError(gettext("Deze meting is al ingetrokken."), code="already_withdrawn")
    measurement.withdrawn_at = timezone.now()
    measurement.withdrawal_reason = reason.strip()
    with transaction.atomic():
        return save_with_history(instance=measurement, by=by, reason=measurement.withdrawal_reason)


# The programme's structure: a programme, its action lines, guiding principles, KPI
# definitions and budget, edited by staff in the portal, each change in its history.


def programme_save(*, programme: Programme, by: User) -> Programme:
    """Create or change a programme's own fields (name, dates, mission)."""
    with transaction.atomic():
        return save_with_history(instance=programme, by=by)


def programme_copy(*, source: Programme, programme: Programme, by: User) -> Programme:
    """Start ``programme`` (unsaved: code, names, dates, mission) from ``source``'s structure.

    Copies the action lines with their activities, the guiding principles, the KPI
    definitions (marked not complete: staff fill in new targets and deadlines) and the
    budget's categories per action line without amounts. Protective factors and
    phenomena are shared by every programme, so there is nothing of them to copy.
    """
    with transaction.atomic():
        save_with_history(instance=programme, by=by, reason=gettext("Overgenomen van %(code)s") % {"code": source.code})
        lines: dict[int, ActionLine] = {}
        for line in source.action_lines.prefetch_related("activities").order_by("order", "code"):
            copy = save_with_history(
                instance=ActionLine(
                    programme=programme,
                    code=line.code,
                    name=line.name,
                    name_en=line.name_en,
                    description=line.description,
                    order=line.order,
                ),
                by=by,
            )
            lines[line.pk] = copy
            Activity.objects.bulk_create(
                Activity(
                    action_line=copy,
                    name=activity.name,
                    name_en=activity.name_en,
                    kind=activity.kind,
                    description=activity.description,
                    order=activity.order,
                )
                for activity in line.activities.all()
            )
        for principle in source.guiding_principles.order_by("order", "code"):
            save_with_history(
                instance=GuidingPrinciple(
                    programme=programme,
                    code=principle.code,
                    name=principle.name,
                    name_en=principle.name_en,
                    description=principle.description,
                    order=principle.order,
                ),
                by=by,
            )
        for kpi in source.kpis.order_by("order", "code"):
            save_with_history(
                instance=Kpi(
                    programme=programme,
                    action_line=lines[kpi.action_line_id],
                    code=kpi.code,
                    name=kpi.name,
                    name_en=kpi.name_en,
                    description=kpi.description,
                    description_en=kpi.description_en,
                    target=kpi.target,
                    unit=kpi.unit,
                    period=kpi.period,
                    # A deadline is required for a deadline KPI: the new programme's end until staff set it.
                    deadline=programme.ends_on if kpi.period == Kpi.Period.DEADLINE else None,
                    measure=kpi.measure,
                    measure_description=kpi.measure_description,
                    measure_description_en=kpi.measure_description_en,
                    order=kpi.order,
                    is_complete=False,
                ),
                by=by,
            )
        for budget_line in source.budget_lines.order_by("pk"):
            save_with_history(
                instance=BudgetLine(
                    programme=programme,
                    action_line=lines.get(budget_line.action_line_id) if budget_line.action_line_id else None,
                    category=budget_line.category,
                    planned=Decimal(0),
                ),
                by=by,
            )
    return programme


def action_line_save(*, action_line: ActionLine, by: User) -> ActionLine:
    with transaction.atomic():
        return save_with_history(instance=action_line, by=by)


def guiding_principle_save(*, principle: GuidingPrinciple, by: User) -> GuidingPrinciple:
    with transaction.atomic():
        return save_with_history(instance=principle, by=by)


def kpi_save(*, kpi: Kpi, by: User) -> Kpi:
    """Create or change a KPI definition; saving it through its form completes a copied KPI."""
    kpi.is_complete = True
    with transaction.atomic():
        return save_with_history(instance=kpi, by=by)


def budget_line_save(*, budget_line: BudgetLine, by: User) -> BudgetLine:
    """Create or change a row of the plan's budget table (euros per year on average)."""
    with transaction.atomic():
        return save_with_history(instance=budget_line, by=by)


def budget_year_plan_set(
    *, programme: Programme, year: int, plans: dict[ActionLine | None, Decimal | None], by: User
) -> list[BudgetYearPlan]:
    """Enter a year's real plan per action line (None: other costs); an empty amount goes back to pro rata.

    Each created, changed or removed plan is an entry in its history.
    """
    foreign = [line for line in plans if line is not None and line.programme_id != programme.pk]
    if foreign:
        raise ValidationError(
            gettext("Actielijn %(line)s hoort niet bij %(programme)s.") % {"line": foreign[0], "programme": programme},
            code="other_programme",
        )
    existing = {plan.action_line_id: plan for plan in BudgetYearPlan.objects.filter(programme=programme, year=year)}
    kept = []
    with transaction.atomic():
        for line, amount in plans.items():
            plan = existing.get(line.pk if line else None)
            if amount is None:
                if plan is not None:
                    tracked: Any = plan
                    tracked._history_user = by
                    plan.delete()
                continue
            if plan is None:
                plan = BudgetYearPlan(programme=programme, year=year, action_line=line, planned=amount)
            elif plan.planned == amount:
                kept.append(plan)
                continue
            plan.planned = amount
            kept.append(save_with_history(instance=plan, by=by))
    return kept


def programme_text_save(*, instance: Model, by: User) -> Model:
    """Save a change to the programme's own words (vision, definitions, action lines, principles,
    protective factors, phenomena, related programmes), recorded in its history."""
    return save_with_history(instance=instance, by=by)
