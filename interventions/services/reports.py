"""Writes for half-yearly reporting: one function per step of the workflow.

    report_create -> report_save (any number of times) -> report_submit
        -> report_return (comment required) -> report_save ... -> report_submit
        -> report_accept -> (staff only) report_reopen (reason required)

Every write sets the acting user on the history record, so changes made over the
API (where the history middleware does not see the token's user) are attributed
too. Every step claims the report with a compare-and-swap on its status and
revision, so two people can never both win: the second one gets a conflict or a
state error, never a silent overwrite.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext

from agenda.models import ProtectiveFactor
from core import outbox, uploads
from core.history import save_with_history
from interventions.models import Report, ReportAttachment, ReportComment, ReportingPeriod, ReportItem, ReportItemOutcome
from interventions.permissions.reports import EDITABLE_STATUSES
from interventions.selectors.report_history import changes_since, report_history
from interventions.selectors.reports import budget_for_year, period_is_open, running_interventions
from interventions.services.report_checks import report_checks_save
from interventions.services.report_problems import (
    Problem,
    ReportConflict,
    ReportError,
    ReportStateError,
    duplicate_message,
    period_closed_message,
    state_message,
)
from interventions.services.report_totals import EMPTY as EMPTY_TOTALS
from interventions.services.report_totals import frozen_totals
from municipalities.models import FocusArea, Municipality

# Fields of a report item a municipality fills in, with the largest number accepted.
ITEM_NUMBER_FIELDS = ("participants_total", *ReportItem.AGE_BANDS)
ITEM_TEXT_FIELDS = ("activities", "lessons_learned", "notes")
MAX_PARTICIPANTS = 10_000_000
MAX_SPENDING = Decimal("9999999999.99")
# Report.revision is a PositiveIntegerField; anything larger cannot even be looked up.
MAX_REVISION = 2**31 - 1


@dataclass(frozen=True)
class ItemChange:
    """New values for the item about one intervention. Only the keys present in `values` change.

    `outcomes` maps a protective factor id to a rating 1-5, or to None to remove the
    rating; None as a whole leaves the outcomes alone.
    """

    intervention_id: int
    # A form's cleaned_data or a serializer's validated_data: an int, Decimal or str (or None) per
    # field, checked by _item_problems before anything is saved.
    values: Mapping[str, Any] = field(default_factory=dict)
    outcomes: Mapping[int, int | None] | None = None
    # The explanation per checked field (see selectors.report_checks); None keeps the ones given before.
    explanations: Mapping[str, str] | None = None


# Creating --------------------------------------------------------------------


def report_create(
    *,
    municipality: Municipality,
    period: ReportingPeriod,
    by: User,
    on: datetime.date | None = None,
) -> Report:
    """Start the municipality's report for an open period, with one item per intervention running there."""
    on = on or timezone.localdate()
    if not period_is_open(period, on=on):
        raise ReportError(Problem(period_closed_message(period, on), field="period"))
    if Report.objects.filter(municipality=municipality, period=period).exists():
        raise ReportError(Problem(duplicate_message(period), field="period"))
    try:
        with transaction.atomic():
            report = Report(municipality=municipality, period=period, created_by=by)
            save_with_history(instance=report, by=by, reason="created", validate=False)
            for intervention in running_interventions(municipality=municipality):
                save_with_history(instance=ReportItem(report=report, intervention=intervention), by=by, validate=False)
            # A last record after the items, so "changed since revision 1" starts after them.
            save_with_history(instance=report, by=by, validate=False)
    except IntegrityError as error:
        # Someone else started the same report a moment ago.
        raise ReportError(Problem(duplicate_message(period), field="period")) from error
    return report


# Saving a draft --------------------------------------------------------------


def report_save(
    *,
    report: Report,
    by: User,
    revision: int,
    summary: str | None = None,
    needs: str | None = None,
    items: Iterable[ItemChange] = (),
    add_files: Sequence[UploadedFile] = (),
    remove_attachment_ids: Iterable[int] = (),
) -> Report:
    """Save what the municipality typed, if nobody changed the report since `revision` was loaded."""
    items = list(items)
    with transaction.atomic():
        current = _claim(report, statuses=EDITABLE_STATUSES, revision=revision, action="save")
        # The outcomes with the items, and the protective factors once: a save is a handful of queries
        # plus one write per changed row, however many rows the report has.
        existing = {
            item.intervention_id: item
            for item in current.items.select_related("intervention").prefetch_related("outcomes")
        }
        running = {i.pk: i for i in running_interventions(municipality=current.municipality)}
        problems: list[Problem] = []
        for change in items:
            problems += _item_problems(change, existing=existing, running=running)
        kinds = []
        for upload in add_files:
            # A file that was uploaded has a name and a size; only a file still being built lacks them.
            assert upload.name is not None and upload.size is not None
            try:
                kinds.append(
                    uploads.check_upload(
                        upload, name=upload.name, size=upload.size, max_bytes=settings.REPORT_ATTACHMENT_MAX_BYTES
                    )
                )
            except uploads.UploadRejected as rejected:
                problems.append(Problem(str(rejected), field="file"))
        problems += _focus_area_problems(current, items)
        if not problems:
            problems += _budget_problems(current, existing=existing, items=items)
        if problems:
            raise ReportError(*problems)

        if summary is not None:
            current.summary = summary
        if needs is not None:
            current.needs = needs
        rated = {factor_id for change in items for factor_id in (change.outcomes or {})}
        factors = set(ProtectiveFactor.objects.filter(pk__in=rated).values_list("pk", flat=True)) if rated else set()
        for change in items:
            _apply_item(current, change, existing=existing, running=running, factors=factors, by=by)
        report_checks_save(
            report=current,
            items=existing,
            explanations={c.intervention_id: c.explanations for c in items if c.explanations is not None},
            by=by,
        )
        for attachment in current.attachments.filter(pk__in=list(remove_attachment_ids)):
            tracked: Any = attachment  # simple-history reads _history_user, set at run time
            tracked._history_user = by
            attachment.delete()
            # The file goes only once the removal is committed; a rollback keeps both.
            transaction.on_commit(partial(_delete_file, attachment.file))
        for upload, kind in zip(add_files, kinds, strict=True):
            _attach(current, upload, kind, by=by)
        save_with_history(instance=current, by=by, validate=False)
    return current


def _item_problems(change: ItemChange, *, existing: dict, running: dict) -> list[Problem]:
    iid = change.intervention_id
    problems = []
    if iid not in existing and iid not in running:
        return [
            Problem(gettext("Deze interventie loopt niet in uw gemeente."), field="intervention", intervention_id=iid)
        ]
    values = change.values
    for name in ITEM_NUMBER_FIELDS:
        value = values.get(name)
        if value is not None and value < 0:
            problems.append(Problem(gettext("Vul 0 of meer in; een negatief aantal kan niet."), name, iid))
        elif value is not None and value > MAX_PARTICIPANTS:
            problems.append(Problem(gettext("Dit aantal is onwaarschijnlijk groot; controleer het."), name, iid))
    spending = values.get("spending")
    if spending is not None and spending < 0:
        problems.append(Problem(gettext("Vul 0 of meer in; uitgaven kunnen niet negatief zijn."), "spending", iid))
    elif spending is not None and spending > MAX_SPENDING:
        problems.append(Problem(gettext("Dit bedrag is te groot; controleer het."), "spending", iid))
    if not problems:
        item = existing.get(iid)
        merged = {
            name: values[name] if name in values else (getattr(item, name) if item else None)
            for name in ITEM_NUMBER_FIELDS
        }
        total = merged["participants_total"] or 0
        bands = sum(merged[name] or 0 for name in ReportItem.AGE_BANDS)
        if bands > total:
            problems.append(
                Problem(
                    gettext(
                        "De leeftijdsgroepen tellen op tot %(bands)s, meer dan het totaal van %(total)s. "
                        "Verhoog het totaal of verlaag de aantallen per leeftijdsgroep."
                    )
                    % {"bands": bands, "total": total},
                    "participants_total",
                    iid,
                )
            )
    for factor_id, rating in (change.outcomes or {}).items():
        if rating is not None and rating not in ReportItemOutcome.Rating.values:
            problems.append(Problem(gettext("Kies een resultaat van 1 tot en met 5."), f"factor_{factor_id}", iid))
    return problems


def _budget_problems(report: Report, *, existing: dict, items: list[ItemChange]) -> list[Problem]:
    """Spending may not take the total over the grant (unless it does not go up)."""
    old_total = sum((item.spending or Decimal("0") for item in existing.values()), Decimal("0"))
    new_by_intervention = {iid: item.spending or Decimal("0") for iid, item in existing.items()}
    for change in items:
        if "spending" in change.values and change.values["spending"] is not None:
            new_by_intervention[change.intervention_id] = Decimal(change.values["spending"])
    new_total = sum(new_by_intervention.values(), Decimal("0"))
    if new_total <= old_total:
        return []
    budget = budget_for_year(municipality=report.municipality, year=report.period.year, exclude_report_id=report.pk)
    if budget is None or budget.spent + new_total <= budget.amount:
        return []
    over = budget.spent + new_total - budget.amount
    return [
        Problem(
            gettext(
                "Met deze uitgaven komt het totaal over %(first)s-%(last)s op € %(total)s, meer dan de uitkering "
                "van € %(amount)s. Verlaag de uitgaven met ten minste € %(over)s."
            )
            % {
                "first": budget.first_year,
                "last": budget.last_year,
                "total": _euros(budget.spent + new_total),
                "amount": _euros(budget.amount),
                "over": _euros(over),
            },
            field="spending",
        )
    ]


def _focus_area_problems(report: Report, items: list[ItemChange]) -> list[Problem]:
    """An item can name one of its municipality's own areas (or NPLV areas), no other."""
    named = {
        change.intervention_id: change.values["focus_area_id"] for change in items if change.values.get("focus_area_id")
    }
    if not named:
        return []
    allowed = set(FocusArea.objects.filter(municipality_id=report.municipality_id).values_list("pk", flat=True))
    return [
        Problem(gettext("Kies een gebied van uw eigen gemeente."), "focus_area", iid)
        for iid, area_id in named.items()
        if area_id not in allowed
    ]


def _apply_item(
    report: Report, change: ItemChange, *, existing: dict, running: dict, factors: set[int], by: User
) -> None:
    item = existing.get(change.intervention_id)
    new = item is None
    if item is None:
        item = ReportItem(report=report, intervention=running[change.intervention_id])
        existing[change.intervention_id] = item
    dirty = item.pk is None
    for name in (*ITEM_NUMBER_FIELDS, "spending", *ITEM_TEXT_FIELDS):
        if name not in change.values:
            continue
        value = change.values[name]
        # None stays None: an empty field is "not filled in yet", which 0 would hide.
        if name == "spending" and value is not None:
            value = Decimal(value).quantize(Decimal("0.01"))
        if name in ITEM_TEXT_FIELDS:
            value = (value or "").strip()
        if getattr(item, name) != value:
            setattr(item, name, value)
            dirty = True
    if "focus_area_id" in change.values and item.focus_area_id != change.values["focus_area_id"]:
        item.focus_area_id = change.values["focus_area_id"]
        dirty = True
    if dirty:
        save_with_history(instance=item, by=by, validate=False)
    if change.outcomes is None:
        return
    # A new row has no outcomes yet; an existing one brought its own (prefetched in report_save).
    outcomes = {} if new else {outcome.protective_factor_id: outcome for outcome in item.outcomes.all()}
    for factor_id, rating in change.outcomes.items():
        outcome = outcomes.get(factor_id)
        if rating is None:
            if outcome is not None:
                removed: Any = outcome  # simple-history reads _history_user, set at run time
                removed._history_user = by
                outcome.delete()
        elif outcome is None:
            if factor_id in factors:
                save_with_history(
                    instance=ReportItemOutcome(item=item, protective_factor_id=factor_id, rating=rating),
                    by=by,
                    validate=False,
                )
        elif outcome.rating != rating:
            outcome.rating = rating
            save_with_history(instance=outcome, by=by, validate=False)


def _attach(report: Report, upload: UploadedFile, kind: uploads.FileKind, *, by: User) -> ReportAttachment:
    assert upload.name is not None and upload.size is not None  # checked by report_save
    attachment = ReportAttachment(
        report=report,
        original_name=uploads.clean_original_name(upload.name),
        content_type=kind.mime,
        size=upload.size,
        uploaded_by=by,
    )
    upload.seek(0)
    attachment.file.save(uploads.storage_name(kind), upload, save=False)
    save_with_history(instance=attachment, by=by, validate=False)
    return attachment


# Workflow steps --------------------------------------------------------------


def report_is_empty(report: Report) -> bool:
    """Empty: no item with any participants, activities or spending."""
    return not any(item.participants_total or item.activities.strip() or item.spending for item in report.items.all())


def missing_figures(report: Report) -> list[Problem]:
    """The figures still empty, per intervention: a report is handed in only with each of them filled in."""
    messages = {
        "participants_total": gettext(
            "Nog niet ingevuld. Vul het aantal bereikte deelnemers in, of 0 als er niemand is bereikt."
        ),
        "spending": gettext("Nog niet ingevuld. Vul de uitgaven in, of 0 als er niets is uitgegeven."),
    }
    return [
        Problem(messages[name], name, item.intervention_id)
        for item in report.items.select_related("intervention").order_by("intervention__name")
        for name in item.missing_figures
    ]


def submit_problems(report: Report) -> list[Problem]:
    """What keeps the report from being handed in as it is saved now; nothing when it can be."""
    missing = missing_figures(report)
    if missing:
        return missing
    if report_is_empty(report):
        return [
            Problem(
                gettext(
                    "Het verslag is leeg en is niet ingediend. Vul bij ten minste één interventie het aantal "
                    "deelnemers, de activiteiten of de uitgaven in."
                )
            )
        ]
    return []


def report_submit(*, report: Report, by: User, revision: int | None = None) -> Report:
    """Hand the report in; from now on it is read-only for the municipality. Staff get an e-mail."""
    from interventions.tasks import notify_staff_of_submission

    with transaction.atomic():
        current = _claim(report, statuses=EDITABLE_STATUSES, revision=revision, action="submit")
        problems = submit_problems(current)
        if problems:
            raise ReportError(*problems)
        current.status = Report.Status.SUBMITTED
        current.submitted_by = by
        current.submitted_at = timezone.now()
        for name, value in frozen_totals(current).items():
            setattr(current, name, value)
        save_with_history(instance=current, by=by, reason="submitted", validate=False)
        outbox.send_on_commit(notify_staff_of_submission, current.pk)
    return current


def report_return(*, report: Report, by: User, comment: str) -> Report:
    """Send a submitted report back to the municipality, saying what to correct."""
    from interventions.tasks import notify_municipality_of_review

    comment = (comment or "").strip()
    if not comment:
        raise ReportError(
            Problem(gettext("Schrijf waarom u het verslag terugstuurt; de gemeente ziet deze toelichting."), "comment")
        )
    with transaction.atomic():
        current = _claim(report, statuses=(Report.Status.SUBMITTED,), action="review")
        current.status = Report.Status.RETURNED
        current.return_comment = comment
        for name, value in EMPTY_TOTALS.items():
            setattr(current, name, value)
        current.reviewed_by = by
        current.reviewed_at = timezone.now()
        save_with_history(instance=current, by=by, reason="returned", validate=False)
        save_with_history(
            instance=ReportComment(report=current, author=by, kind=ReportComment.Kind.RETURN, text=comment),
            by=by,
            validate=False,
        )
        outbox.send_on_commit(notify_municipality_of_review, current.pk)
    return current


def report_accept(*, report: Report, by: User, comment: str = "") -> Report:
    """Accept a submitted report; it is then locked for everyone."""
    from interventions.tasks import notify_municipality_of_review

    comment = (comment or "").strip()
    with transaction.atomic():
        current = _claim(report, statuses=(Report.Status.SUBMITTED,), action="review")
        current.status = Report.Status.ACCEPTED
        current.return_comment = ""
        current.reviewed_by = by
        current.reviewed_at = timezone.now()
        save_with_history(instance=current, by=by, reason="accepted", validate=False)
        if comment:
            save_with_history(
                instance=ReportComment(report=current, author=by, kind=ReportComment.Kind.ACCEPT, text=comment),
                by=by,
                validate=False,
            )
        outbox.send_on_commit(notify_municipality_of_review, current.pk)
    return current


def report_reopen(*, report: Report, by: User, reason: str) -> Report:
    """Reopen an accepted report (staff only, with a reason); the municipality can correct it again."""
    from interventions.tasks import notify_municipality_of_review

    reason = (reason or "").strip()
    if not reason:
        raise ReportError(
            Problem(gettext("Schrijf waarom u het verslag heropent; de gemeente ziet deze reden."), "reason")
        )
    with transaction.atomic():
        current = _claim(report, statuses=(Report.Status.ACCEPTED,), action="reopen")
        current.status = Report.Status.RETURNED
        current.return_comment = reason
        for name, value in EMPTY_TOTALS.items():
            setattr(current, name, value)
        current.reviewed_by = by
        current.reviewed_at = timezone.now()
        save_with_history(instance=current, by=by, reason="reopened", validate=False)
        save_with_history(
            instance=ReportComment(report=current, author=by, kind=ReportComment.Kind.REOPEN, text=reason),
            by=by,
            validate=False,
        )
        outbox.send_on_commit(notify_municipality_of_review, current.pk)
    return current


# Helpers ---------------------------------------------------------------------


def _claim(report: Report, *, statuses: Sequence[str], action: str, revision: int | None = None) -> Report:
    """Take the report for one write: bump its revision if it is in one of `statuses` (and at `revision`).

    The conditional UPDATE is atomic in every database, and in PostgreSQL it also
    locks the row until the transaction ends, so a second writer waits and then fails.
    """
    matching = Report.objects.filter(pk=report.pk, status__in=list(statuses))
    if revision is not None:
        matching = matching.filter(revision=revision)
    if not matching.update(revision=F("revision") + 1):
        current = Report.objects.select_related("municipality", "period").get(pk=report.pk)
        if current.status not in statuses:
            raise ReportStateError(Problem(state_message(current.status, action)))
        # Without a revision to compare with, everything in the report's history is news.
        if revision is None:
            changes = report_history(report=current)
        else:
            changes = changes_since(report=current, revision=revision)
        raise ReportConflict(current=current, changes=changes)
    return Report.objects.select_related("municipality", "period").get(pk=report.pk)


def _euros(amount: Decimal) -> str:
    return formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def _delete_file(file: FieldFile) -> None:
    assert file.name  # every attachment has its file
    file.storage.delete(file.name)
