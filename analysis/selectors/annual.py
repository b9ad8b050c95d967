"""Reads of the annual analysis, scoped per user."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from analysis.models import AnnualAnalysis
from core.roles import is_staff_member

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
)


def analyses_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[AnnualAnalysis]:
    """Every version for staff; published versions only for anyone else. The frozen data is never loaded."""
    queryset = AnnualAnalysis.objects.select_related("programme", "requested_by", "published_by").only(*LIST_FIELDS)
    if not is_staff_member(user):
        queryset = queryset.filter(published_at__isnull=False)
    return queryset.order_by("-year", "-version")


def analysis_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> AnnualAnalysis | None:
    return analyses_for(user=user).filter(pk=pk).first()


def published_analyses() -> QuerySet[AnnualAnalysis]:
    """What the public section lists: published versions, newest year and version first."""
    return analyses_for(user=AnonymousUser())


def has_unfinished(analyses) -> bool:
    return any(a.status in (AnnualAnalysis.Status.QUEUED, AnnualAnalysis.Status.RUNNING) for a in analyses)
