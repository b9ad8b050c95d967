"""Reads of the advisory board's dashboards, scoped per user."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from agenda.models import Programme
from analysis.models import Dashboard, DashboardPdf
from analysis.permissions.dashboards import can_view_dashboards
from core import roles
from core.roles import is_staff_member


def dashboards_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Dashboard]:
    """The dashboards a user may see: all for staff, published ones for the board, none for anyone else."""
    if not can_view_dashboards(user):
        return Dashboard.objects.none()
    queryset = Dashboard.objects.select_related("programme", "published_by", "correction_of")
    if not is_staff_member(user):
        queryset = queryset.filter(status=Dashboard.Status.PUBLISHED)
    return queryset


def dashboard_list(
    *, user: AbstractBaseUser | AnonymousUser, programme: Programme | None = None
) -> QuerySet[Dashboard]:
    """Newest half-year first, with whether a later published version replaces each one and its advice count;
    of one programme when given."""
    newer = Dashboard.objects.filter(
        programme=OuterRef("programme"),
        year=OuterRef("year"),
        half=OuterRef("half"),
        version__gt=OuterRef("version"),
        status=Dashboard.Status.PUBLISHED,
    )
    dashboards = dashboards_for(user=user)
    if programme is not None:
        dashboards = dashboards.filter(programme=programme)
    return dashboards.annotate(is_superseded=Exists(newer), advice_count=Count("advice", distinct=True)).order_by(
        "-year", "-half", "-version"
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


def earlier_published(dashboard: Dashboard) -> Dashboard | None:
    """The dashboard this one is compared with: the latest published version of the nearest earlier half-year."""
    earlier = Q(year__lt=dashboard.year) | Q(year=dashboard.year, half__lt=dashboard.half)
    return (
        Dashboard.objects.filter(earlier, programme_id=dashboard.programme_id, status=Dashboard.Status.PUBLISHED)
        .order_by("-year", "-half", "-version")
        .first()
    )


def previous_of(dashboard: Dashboard) -> Dashboard | None:
    """For a published dashboard, the one it was compared with when it was published; for a draft, as of now."""
    if dashboard.status == Dashboard.Status.PUBLISHED:
        reference = (dashboard.snapshot or {}).get("dashboard", {}).get("previous")
        if not reference:
            return None
        return Dashboard.objects.filter(pk=reference["id"], status=Dashboard.Status.PUBLISHED).first()
    return earlier_published(dashboard)


def board_recipients() -> list[User]:
    """Active members of the advisory board with an e-mail address."""
    return list(
        User.objects.filter(is_active=True, groups__name=roles.BOARD).exclude(email="").distinct().order_by("username")
    )


def latest_pdf(*, dashboard: Dashboard, language: str) -> DashboardPdf | None:
    """The PDF of a dashboard in a language asked for last, whatever its state."""
    return DashboardPdf.objects.filter(dashboard=dashboard, language=language).order_by("-requested_at").first()


def finished_pdf(*, dashboard: Dashboard, pk: int) -> DashboardPdf | None:
    return DashboardPdf.objects.filter(pk=pk, dashboard=dashboard, status=DashboardPdf.Status.DONE).first()
