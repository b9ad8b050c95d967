"""Writes of the advisory board's dashboards: start, write, publish, correct.

Every rule lives here, so the pages, the demo loader and any later API get the
same answers. A refused action raises ValidationError with a message for the user.
"""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from agenda.models import Programme
from analysis import dashboards
from analysis.models import Dashboard
from analysis.snapshots import freeze
from core import outbox
from core.halves import half_year_name
from core.history import save_with_history


def already_published_error(dashboard: Dashboard) -> ValidationError:
    return ValidationError(
        gettext(
            "Het dashboard voor het %(half_year)s is al gepubliceerd op %(date)s. Gepubliceerde cijfers liggen "
            "vast. Wilt u iets wijzigen, maak dan een correctie: een nieuwe versie die zegt wat er veranderd is "
            "en waarom."
        )
        % {
            "half_year": half_year_name(dashboard.year, dashboard.half),
            "date": date_format(timezone.localtime(dashboard.published_at), "j F Y"),
        },
        code="already_published",
    )


def _draft_exists(draft: Dashboard) -> ValidationError:
    return ValidationError(
        gettext("Voor het %(half_year)s ligt al een concept klaar (versie %(version)s). Werk dat concept bij.")
        % {"half_year": half_year_name(draft.year, draft.half), "version": draft.version},
        code="draft_exists",
        params={"draft": draft.pk},
    )


def dashboard_create(
    *, programme: Programme, year: int, half: int, by: User, introduction: str = "", highlights: str = ""
) -> Dashboard:
    """Start the draft dashboard of a half-year; refused for a half-year that already has one."""
    problem = dashboards.half_year_problem(programme=programme, year=year, half=half, today=timezone.localdate())
    if problem:
        raise ValidationError(problem, code="no_data")
    with transaction.atomic():
        existing = list(
            Dashboard.objects.select_for_update().filter(programme=programme, year=year, half=half).order_by("-version")
        )
        drafts = [d for d in existing if d.status == Dashboard.Status.DRAFT]
        if drafts:
            raise _draft_exists(drafts[0])
        if existing:
            raise already_published_error(existing[0])
        dashboard = Dashboard(
            programme=programme,
            year=year,
            half=half,
            introduction=introduction.strip(),
            highlights=highlights.strip(),
            created_by=by,
        )
        try:
            with transaction.atomic():
                save_with_history(instance=dashboard, by=by, validate=False)
        except IntegrityError:
            raise ValidationError(
                gettext("Iemand anders begon net een dashboard voor dit halfjaar. Open de lijst en werk dat bij."),
                code="conflict",
            ) from None
    return dashboard


def dashboard_update_texts(
    *,
    dashboard: Dashboard,
    by: User,
    introduction: str,
    highlights: str,
    correction_note: str | None = None,
) -> Dashboard:
    """Save a draft's introduction and highlights (and, for a correction, what changed and why)."""
    with transaction.atomic():
        locked = Dashboard.objects.select_for_update().get(pk=dashboard.pk)
        if locked.status != Dashboard.Status.DRAFT:
            raise already_published_error(locked)
        locked.introduction = introduction.strip()
        locked.highlights = highlights.strip()
        if locked.correction_of_id and correction_note is not None:
            if not correction_note.strip():
                raise ValidationError(
                    gettext("Schrijf op wat er in deze correctie verandert en waarom."), code="note_required"
                )
            locked.correction_note = correction_note.strip()
        save_with_history(instance=locked, by=by, validate=False)
    return locked


def dashboard_publish(
    *, dashboard: Dashboard, by: User, at: datetime.datetime | None = None, notify: bool = True
) -> Dashboard:
    """Freeze every figure of a draft into its snapshot with a content hash, and publish it.

    ``at`` is the publication moment (now by default; the demo loader passes fixed dates).
    After the commit the board members are sent an e-mail, unless ``notify`` is off.
    """
    at = at or timezone.now()
    today = timezone.localdate(at)
    with transaction.atomic():
        locked = (
            Dashboard.objects.select_for_update(of=("self",))
            .select_related("programme", "correction_of")
            .get(pk=dashboard.pk)
        )
        if locked.status == Dashboard.Status.PUBLISHED:
            raise already_published_error(locked)
        problem = dashboards.half_year_problem(
            programme=locked.programme, year=locked.year, half=locked.half, today=today
        )
        if problem:
            raise ValidationError(problem, code="no_data")
        data = dashboards.dashboard_data(locked, today=today)
        if not dashboards.has_figures(data):
            raise ValidationError(
                gettext(
                    "Er zijn voor het %(half_year)s nog geen gegevens: alle KPI's staan op nul of zijn niet gemeten, "
                    "en er zijn geen interventies, gemeenten of uitgaven. Een leeg dashboard wordt niet gepubliceerd."
                )
                % {"half_year": half_year_name(locked.year, locked.half)},
                code="empty",
            )
        locked.snapshot, locked.content_hash = freeze(data)
        locked.status = Dashboard.Status.PUBLISHED
        locked.published_at = at
        locked.published_by = by
        save_with_history(instance=locked, by=by, validate=False)
        if notify:
            from analysis.tasks import mail_dashboard_published

            pk = locked.pk
            outbox.send_on_commit(mail_dashboard_published, pk)
    return locked


def dashboard_start_correction(*, dashboard: Dashboard, by: User, note: str) -> Dashboard:
    """Start a new version of a published dashboard; the old version stays readable as it was."""
    note = note.strip()
    if not note:
        raise ValidationError(gettext("Schrijf op wat er in deze correctie verandert en waarom."), code="note_required")
    with transaction.atomic():
        versions = list(
            Dashboard.objects.select_for_update()
            .filter(programme_id=dashboard.programme_id, year=dashboard.year, half=dashboard.half)
            .order_by("-version")
        )
        current = next((d for d in versions if d.pk == dashboard.pk), None)
        if current is None or current.status != Dashboard.Status.PUBLISHED:
            raise ValidationError(
                gettext("Alleen een gepubliceerd dashboard kan worden gecorrigeerd."), code="not_published"
            )
        drafts = [d for d in versions if d.status == Dashboard.Status.DRAFT]
        if drafts:
            raise _draft_exists(drafts[0])
        if versions[0].pk != current.pk:
            raise ValidationError(
                gettext("Versie %(version)s is al vervangen door versie %(latest)s. Corrigeer de nieuwste versie.")
                % {"version": current.version, "latest": versions[0].version},
                code="superseded",
            )
        correction = Dashboard(
            programme_id=current.programme_id,
            year=current.year,
            half=current.half,
            version=versions[0].version + 1,
            introduction=current.introduction,
            highlights=current.highlights,
            correction_of=current,
            correction_note=note,
            created_by=by,
        )
        save_with_history(instance=correction, by=by, validate=False)
    return correction


def dashboard_delete_draft(*, dashboard: Dashboard, by: User) -> None:
    """Throw away a draft; a published dashboard is never deleted."""
    with transaction.atomic():
        locked = Dashboard.objects.select_for_update().get(pk=dashboard.pk)
        if locked.status != Dashboard.Status.DRAFT:
            raise already_published_error(locked)
        # Not a save: the history's deletion record takes its user from here.
        tracked: Any = locked  # simple-history reads _history_user, set at run time
        tracked._history_user = by
        locked.delete()
