"""Reads of the annual analysis, scoped per user."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from analysis.models import Advice, AnalysisText, AnnualAnalysis
from core.roles import is_board_member, is_staff_member

LIST_FIELDS = (
    "programme__name",
    "programme__name_en",
    "year",
    "version",
    "status",
    "stage",
    "progress",
    "language",
    "pdf",
    "page_count",
    "requested_by__username",
    "requested_by__first_name",
    "requested_by__last_name",
    "requested_at",
    "started_at",
    "finished_at",
    "duration_seconds",
    "attempts",
    "error",
    "gaps",
    "data_hash",
    "published_at",
    "published_by__username",
    "published_by__first_name",
    "published_by__last_name",
    "withdrawn_at",
    "withdrawal_reason",
)


def analyses_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[AnnualAnalysis]:
    """Every version for staff; published versions only for anyone else. The frozen data is never loaded."""
    queryset = AnnualAnalysis.objects.select_related("programme", "requested_by", "published_by").only(*LIST_FIELDS)
    if not is_staff_member(user):
        queryset = queryset.filter(published_at__isnull=False)
    return queryset.order_by("-year", "-version")


def analysis_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> AnnualAnalysis | None:
    return analyses_for(user=user).filter(pk=pk).first()


def analysis_to_read(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> AnnualAnalysis | None:
    """A version with its frozen data, if this user may read it: published ones for everyone, finished drafts for
    the board too, every version for staff."""
    queryset = AnnualAnalysis.objects.select_related("programme", "published_by", "withdrawn_by").filter(
        pk=pk, snapshot__isnull=False
    )
    if is_staff_member(user):
        return queryset.first()
    if is_board_member(user):
        return queryset.filter(Q(published_at__isnull=False) | Q(status=AnnualAnalysis.Status.DONE)).first()
    return queryset.filter(published_at__isnull=False).first()


def published_analyses() -> QuerySet[AnnualAnalysis]:
    """What the public section lists: published versions, newest year and version first."""
    return analyses_for(user=AnonymousUser())


def has_unfinished(analyses) -> bool:
    return any(a.status in (AnnualAnalysis.Status.QUEUED, AnnualAnalysis.Status.RUNNING) for a in analyses)


def analysis_with_snapshot(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> AnnualAnalysis | None:
    """A version with its frozen data, for staff (who write its texts)."""
    if not is_staff_member(user):
        return None
    return AnnualAnalysis.objects.select_related("programme").filter(pk=pk).first()


def texts_of(*, analysis: AnnualAnalysis) -> dict[tuple[str, str], AnalysisText]:
    return {(t.kind, t.key): t for t in AnalysisText.objects.filter(analysis=analysis)}


def text_counts(*, analysis: AnnualAnalysis) -> dict[str, int]:
    """How many texts of each kind a version has written (for the confirmation of publication)."""
    counts = dict.fromkeys(AnalysisText.Kind.values, 0)
    for kind in AnalysisText.objects.filter(analysis=analysis).exclude(text="").values_list("kind", flat=True):
        counts[kind] += 1
    return counts


def advice_on(*, analysis: AnnualAnalysis) -> QuerySet[Advice]:
    """The board's advice given on this version (a draft it read)."""
    return Advice.objects.filter(analysis=analysis).order_by("given_at", "pk")


def text_history(*, analysis: AnnualAnalysis, limit: int = 30) -> list:
    """The latest changes to the texts of a version, newest first: who changed which text when."""
    return list(
        AnalysisText.history.filter(analysis_id=analysis.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


def publication_history(*, analysis: AnnualAnalysis) -> list[dict]:
    """What happened to a version, oldest first: asked for, data frozen, texts changed, published, withdrawn.

    Read from the version's history (progress updates in between are left out); nothing is ever deleted.
    """
    records = (
        analysis.history.select_related("history_user")
        .only(
            "history_date",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
            "history_change_reason",
            "data_hash",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
        )
        .order_by("history_date", "history_id")
    )
    events = []
    previous = None
    for record in records:
        user = record.history_user
        who = (user.get_full_name() or user.username) if user else ""
        if previous is None:
            events.append({"when": record.history_date, "who": who, "what": "requested"})
        elif record.data_hash and record.data_hash != previous.data_hash:
            kind = "frozen" if not previous.data_hash else "texts"
            events.append({"when": record.history_date, "who": who, "what": kind, "hash": record.data_hash})
        if record.published_at and (previous is None or not previous.published_at):
            events.append({"when": record.published_at, "who": who, "what": "published"})
        if record.withdrawn_at and (previous is None or not previous.withdrawn_at):
            events.append(
                {"when": record.withdrawn_at, "who": who, "what": "withdrawn", "reason": record.withdrawal_reason}
            )
        previous = record
    return events
