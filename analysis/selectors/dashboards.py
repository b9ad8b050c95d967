"""Reads of the advisory board's dashboards, scoped per user."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from analysis.models import Dashboard
from analysis.permissions.dashboards import can_view_dashboards
from core.roles import is_staff_member


def dashboards_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dashboard]:
    """The dashboards a user may see: all for staff, published ones for the board, none for anyone else."""
    if not can_view_dashboards(user):
        return Dashboard.objects.none()
    queryset = Dashboard.objects.select_related("programme", "published_by", "correction_of")
    if not is_staff_member(user):
        queryset = queryset.filter(status=Dashboard.Status.PUBLISHED)
    return queryset


def dashboard_list(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dashboard]:
    """Newest half-year first, with whether a later published version replaces each one and its advice count."""
    newer = Dashboard.objects.filter(
        programme=OuterRef("programme"),
        year=OuterRef("year"),
        half=OuterRef("half"),
        version__gt=OuterRef("version"),
        status=Dashboard.Status.PUBLISHED,
    )
    return (
        dashboards_for(user=user)
        .annotate(is_superseded=Exists(newer), advice_count=Count("advice", distinct=True))
        .order_by("-year", "-half", "-version")
    )


def published_dashboards(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dashboard]:
    """The published dashboards a user may see, newest first: the choices for comparing and for advice."""
    return dashboards_for(user=user).filter(status=Dashboard.Status.PUBLISHED).order_by("-year", "-half", "-version")


def dashboard_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Dashboard | None:
    return dashboards_for(user=user).filter(pk=pk).first()


def superseded_by(dashboard: Dashboard) -> Dashboard | None:
    """The latest published version of the same half-year, if it is newer than this one."""
    return (
        Dashboard.objects.filter(
            programme_id=dashboard.programme_id,
            year=dashboard.year,
            half=dashboard.half,
            version__gt=dashboard.version,
            status=Dashboard.Status.PUBLISHED,
        )
        .order_by("-version")
        .first()
    )


def draft_for_half_year(*, programme_id: int, year: int, half: int) -> Dashboard | None:
    return Dashboard.objects.filter(
        programme_id=programme_id, year=year, half=half, status=Dashboard.Status.DRAFT
    ).first()


def latest_published_version(*, programme_id: int, year: int, half: int) -> Dashboard | None:
    return (
        Dashboard.objects.filter(programme_id=programme_id, year=year, half=half, status=Dashboard.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )


def versions_of(dashboard: Dashboard, *, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dashboard]:
    """Every version of the same half-year the user may see, newest first."""
    return (
        dashboards_for(user=user)
        .filter(programme_id=dashboard.programme_id, year=dashboard.year, half=dashboard.half)
        .filter(~Q(pk=dashboard.pk))
        .order_by("-version")
    )
