"""Writes of the annual analysis: ask for a version, build it, publish it, try again.

``analysis_build`` is what the Celery task runs. It freezes the year's data once
(a retry after a worker died reuses the frozen copy, so every attempt renders the
same figures), renders the PDF from that copy only, and stores the PDF whole or
not at all.
"""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from agenda.models import Programme
from analysis import annual
from analysis import texts as analysis_texts
from analysis.annual import advice_thread_frozen
from analysis.display.annual import analysis_content
from analysis.models import Advice, AdviceMessage, AnalysisText, AnnualAnalysis
from analysis.services import rendering
from analysis.snapshots import freeze
from core.history import save_with_history

TEMPLATE = "analysis/annual/document.html"
# The published analysis is a tagged PDF that conforms to PDF/UA-1 (the accessibility statement promises it).
PDF_VARIANT = "pdf/ua-1"


def analysis_request(*, programme: Programme, year: int, by: User, language: str = "nl") -> AnnualAnalysis:
    """Queue a new version of the analysis of a year; older versions are kept."""
    problem = annual.year_problem(programme=programme, year=year, today=timezone.localdate())
    if problem:
        raise ValidationError(problem, code="no_year")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = AnnualAnalysis.objects.filter(programme=programme, year=year).aggregate(v=Max("version"))["v"]
                analysis = AnnualAnalysis.objects.create(
                    programme=programme,
                    year=year,
                    version=(latest or 0) + 1,
                    language=language if language in ("nl", "en") else "nl",
                    requested_by=by,
                    stage=rendering.Stage.QUEUED,
                    progress=0,
                )
                _copy_texts(programme=programme, year=year, to=analysis, by=by)
                from analysis.tasks import generate_annual_analysis

                rendering.enqueue(generate_annual_analysis, analysis.pk)
            return analysis
        except IntegrityError:
            continue  # someone asked for the same year at the same moment: take the next version
    raise ValidationError(gettext("Er werd tegelijk een andere versie aangevraagd. Probeer het opnieuw."), code="busy")


def analysis_build(*, analysis_id: int, task_id: str = "", today=None) -> AnnualAnalysis | None:
    """Gather, freeze, render and store one version; None when it is done already (or given up)."""
    analysis = rendering.start(AnnualAnalysis, analysis_id, task_id=task_id)
    if analysis is None:
        return None
    if analysis.snapshot is None:
        data = annual.analysis_data(
            programme=analysis.programme, year=analysis.year, version=analysis.version, today=today
        )
        data["texts"] = texts_for(analysis)
        rendering.set_stage(analysis, rendering.Stage.FREEZE)
        frozen, data_hash = freeze(data)
        # Kept at once: an attempt after a lost worker renders exactly these figures.
        AnnualAnalysis.objects.filter(pk=analysis.pk, snapshot__isnull=True).update(
            snapshot=frozen, data_hash=data_hash
        )
        analysis.refresh_from_db(fields=["snapshot", "data_hash"])
    snapshot = analysis.snapshot
    assert snapshot is not None  # frozen just now, or by an earlier attempt
    rendering.set_stage(analysis, rendering.Stage.COMPOSE)
    document = render_document(snapshot, data_hash=analysis.data_hash, language=analysis.language)
    rendering.set_stage(analysis, rendering.Stage.RENDER)
    pdf = render_pdf_bytes(document, snapshot=snapshot, language=analysis.language)
    return rendering.store_pdf(
        analysis,
        content=pdf.content,
        name=f"analyses/{analysis.year}/landelijke-analyse-{analysis.year}-v{analysis.version}.pdf",
        page_count=pdf.page_count,
        gaps=document.gaps,
    )


class RenderedDocument:
    """The HTML of an analysis and the gaps marked in it."""

    def __init__(self, html: str, gaps: list[dict], title: str):
        self.html = html
        self.gaps = gaps
        self.title = title


def render_document(snapshot: dict, *, data_hash: str, language: str) -> RenderedDocument:
    """The HTML of the analysis from its frozen data only, in the language asked for."""
    with translation.override(language):
        content = analysis_content(snapshot, data_hash=data_hash)
        html = render_to_string(TEMPLATE, content.context)
        title = str(content.context["title"])
    gaps = [{"section": str(gap.section), "reason": str(gap.reason)} for gap in content.gaps]
    return RenderedDocument(html, gaps, title)


def render_pdf_bytes(document: RenderedDocument, *, snapshot: dict, language: str):
    from analysis.pdf import render_pdf

    as_of = datetime.date.fromisoformat(snapshot["as_of"])
    created = datetime.datetime.combine(as_of, datetime.time(12, 0), tzinfo=datetime.UTC)
    return render_pdf(document.html, title=document.title, language=language, created=created, variant=PDF_VARIANT)


# ---------------------------------------------------------------------------
# The programme's own words


def _copy_texts(*, programme: Programme, year: int, to: AnnualAnalysis, by: User) -> None:
    """A new version starts from the texts of the latest earlier version of the same year."""
    earlier = (
        AnnualAnalysis.objects.filter(programme=programme, year=year, version__lt=to.version)
        .order_by("-version")
        .first()
    )
    if earlier is None:
        return
    for text in earlier.texts.all():
        save_with_history(
            instance=AnalysisText(analysis=to, kind=text.kind, key=text.key, text=text.text, updated_by=by),
            by=by,
            reason=gettext("Overgenomen uit versie %(version)s") % {"version": earlier.version},
            validate=False,
        )


def texts_for(analysis: AnnualAnalysis) -> dict:
    """The texts of a version as they are frozen into its snapshot, with the board's advice on this version."""
    written = {(t.kind, t.key): t.text for t in AnalysisText.objects.filter(analysis=analysis)}
    frozen = analysis_texts.frozen_texts(written)
    frozen["board_advice"] = [
        {
            "id": a.pk,
            "subject": a.subject,
            "kind": a.kind,
            "text": a.text,
            "given_on": timezone.localdate(a.given_at),
            "thread": advice_thread_frozen(a.messages.all()),
        }
        for a in Advice.objects.filter(analysis=analysis)
        .prefetch_related(Prefetch("messages", queryset=AdviceMessage.objects.order_by("written_at", "pk")))
        .order_by("given_at", "pk")
    ]
    return frozen


def analysis_texts_save(*, analysis: AnnualAnalysis, by: User, texts: dict[tuple[str, str], str]) -> AnnualAnalysis:
    """Save the texts of an unpublished version, freeze them into its snapshot and hash, and render the PDF again.

    Only texts that changed are written (each change is in the text's history). Nothing
    changes while the PDF is being made, or once the version is published.
    """
    too_long = [key for key, text in texts.items() if len(text) > analysis_texts.MAX_LENGTH]
    if too_long:
        raise ValidationError(
            gettext("Een tekst mag hoogstens %(count)s tekens lang zijn.") % {"count": analysis_texts.MAX_LENGTH},
            code="too_long",
        )
    with transaction.atomic():
        locked = AnnualAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if locked.published_at is not None:
            raise ValidationError(
                gettext(
                    "Deze versie is gepubliceerd: haar teksten liggen vast. Maak een nieuwe versie om ze te wijzigen."
                ),
                code="published",
            )
        if locked.snapshot is None or locked.status in (AnnualAnalysis.Status.QUEUED, AnnualAnalysis.Status.RUNNING):
            raise ValidationError(
                gettext("De PDF van deze versie wordt nu gemaakt. Bewaar de teksten opnieuw als die klaar is."),
                code="busy",
            )
        existing = {(t.kind, t.key): t for t in AnalysisText.objects.filter(analysis=locked)}
        changed = False
        for (kind, key), text in texts.items():
            text = text.strip()
            row = existing.get((kind, key))
            if row is None and not text:
                continue
            if row is not None and row.text == text:
                continue
            row = row or AnalysisText(analysis=locked, kind=kind, key=key)
            row.text = text
            row.updated_by = by
            save_with_history(instance=row, by=by, validate=False)
            changed = True
        if not changed:
            return locked
        snapshot = dict(locked.snapshot)
        snapshot["texts"] = texts_for(locked)
        locked.snapshot, locked.data_hash = freeze(snapshot)
        # The PDF must show these words: it is made again from the snapshot with the new texts.
        locked.status = AnnualAnalysis.Status.QUEUED
        locked.stage = rendering.Stage.QUEUED
        locked.progress = 0
        locked.attempts = 0
        locked.pdf = ""
        locked.page_count = None
        locked.error = ""
        locked.started_at = None
        locked.finished_at = None
        tracked: Any = locked  # simple-history reads _history_user, set at run time
        tracked._history_user = by
        tracked._change_reason = gettext("Teksten gewijzigd")
        locked.save()
        from analysis.tasks import generate_annual_analysis

        rendering.enqueue(generate_annual_analysis, locked.pk)
    return locked


# ---------------------------------------------------------------------------
# Publishing and withdrawing


def analysis_publish(*, analysis: AnnualAnalysis, by: User, at: datetime.datetime | None = None) -> AnnualAnalysis:
    """Make a finished version visible to the advisory board and the public (``at``: now, or the demo's date)."""
    with transaction.atomic():
        locked = AnnualAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if locked.published_at is not None:
            raise ValidationError(
                gettext("Deze versie is al gepubliceerd op %(date)s.")
                % {"date": timezone.localtime(locked.published_at).strftime("%d-%m-%Y")},
                code="already_published",
            )
        if locked.status != AnnualAnalysis.Status.DONE or not locked.pdf:
            raise ValidationError(
                gettext("Alleen een analyse waarvan de PDF klaar is, kan worden gepubliceerd."), code="not_done"
            )
        locked.published_at = at or timezone.now()
        locked.published_by = by
        tracked: Any = locked  # simple-history reads _history_user, set at run time
        tracked._history_user = by
        locked.save(update_fields=["published_at", "published_by"])
    return locked


def analysis_withdraw(*, analysis: AnnualAnalysis, by: User, reason: str) -> AnnualAnalysis:
    """Withdraw a published version: it stays readable, marked as withdrawn, with when and why. Nothing is deleted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": gettext("Schrijf op waarom deze versie wordt ingetrokken: dat staat op de openbare pagina.")}
        )
    with transaction.atomic():
        locked = AnnualAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if locked.published_at is None:
            raise ValidationError(
                gettext("Alleen een gepubliceerde versie kan worden ingetrokken."), code="not_published"
            )
        if locked.withdrawn_at is not None:
            raise ValidationError(
                gettext("Deze versie is al ingetrokken op %(date)s.")
                % {"date": timezone.localtime(locked.withdrawn_at).strftime("%d-%m-%Y")},
                code="already_withdrawn",
            )
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.withdrawal_reason = reason
        tracked: Any = locked  # simple-history reads these attributes, set at run time
        tracked._history_user = by
        tracked._change_reason = reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return locked


def analysis_retry(*, analysis: AnnualAnalysis, by: User) -> AnnualAnalysis:
    """Queue a failed (or stalled) version again; its frozen data, if any, is kept."""
    if not rendering.can_retry(analysis):
        raise ValidationError(
            gettext("Alleen een mislukte of vastgelopen analyse kan opnieuw worden geprobeerd."), code="not_failed"
        )
    with transaction.atomic():
        job = rendering.reset_for_retry(analysis)
        from analysis.tasks import generate_annual_analysis

        rendering.enqueue(generate_annual_analysis, job.pk)
    return job
