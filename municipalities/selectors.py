"""Reads of municipalities, organisations, grants, partnerships and learning-community membership."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from agenda.models import Programme
from core import roles
from core.access import User
from municipalities.models import (
    ActivityParticipation,
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)


def municipality_for_user(*, user: User) -> Municipality | None:
    """The one municipality a municipality user acts for, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_municipality"):
        membership = user.memberships.select_related("municipality").filter(municipality__isnull=False).first()
        user._portal_municipality = membership.municipality if membership else None
    return user._portal_municipality


# Register lists. Each returns a queryset whose shape does not grow with the rows shown.


def _count_of(rows: QuerySet, field: str) -> Coalesce:
    """How many ``rows`` name the municipality in ``field``: one small subquery per municipality.

    Counting through joins with DISTINCT multiplied every grant by every intervention of the
    municipality before counting, which grew with the data (3x the time at ten times the data).
    """
    counted = rows.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def municipality_list() -> QuerySet[Municipality]:
    """All 342 municipalities with how many grants and interventions each has."""
    return Municipality.objects.annotate(
        grant_count=_count_of(Grant.objects.all(), "municipality"),
        intervention_count=_count_of(Municipality.interventions.through.objects.all(), "municipality"),
    ).order_by("name")


def municipality_detail(*, cbs_code: str) -> Municipality:
    """One municipality with everything its register page shows."""
    return Municipality.objects.prefetch_related(
        Prefetch("grants", queryset=Grant.objects.select_related("focus_area", "programme")),
        "focus_areas",
        Prefetch(
            "learning_community_memberships",
            queryset=LearningCommunityMembership.objects.order_by("-joined_on"),
        ),
        Prefetch("interventions", queryset=_interventions().select_related("owner")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
    ).get(cbs_code=cbs_code)


def _interventions() -> QuerySet:
    # Reached through the reverse relation: the interventions app depends on this one, not the other way.
    return Municipality._meta.get_field("interventions").related_model.objects.order_by("name")


def grant_list() -> QuerySet[Grant]:
    return Grant.objects.select_related("municipality", "focus_area", "programme").order_by(
        "municipality__name", "tranche", "first_year"
    )


def grant_detail(*, pk: int) -> Grant:
    return grant_list().prefetch_related("focus_areas").get(pk=pk)


def focus_areas_visible_to(*, user: User) -> QuerySet[FocusArea]:
    """Every focus area for staff; a municipality user only their own municipality's (NPLV areas included)."""
    areas = FocusArea.objects.select_related("municipality")
    if roles.is_staff_member(user):
        return areas
    municipality = municipality_for_user(user=user)
    return areas.filter(municipality=municipality) if municipality else areas.none()


def focus_area_list(*, user: User, municipality: Municipality | None = None) -> QuerySet[FocusArea]:
    areas = focus_areas_visible_to(user=user)
    if municipality is not None:
        areas = areas.filter(municipality=municipality)
    return areas.order_by("municipality__name", "kind", "name")


def editable_focus_areas(*, user: User) -> QuerySet[FocusArea]:
    """The areas a user may change: their municipality's own ones (NPLV areas are reference data)."""
    return focus_areas_visible_to(user=user).filter(kind=FocusArea.Kind.OWN)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality").order_by("name")


def organisation_detail(*, pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("municipality")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
            Prefetch(
                "owned_interventions",
                queryset=_interventions(),
            ),
            Prefetch(
                "partner_interventions",
                queryset=_interventions(),
            ),
            "activityparticipation_set__activity",
        )
        .get(pk=pk)
    )


def partnership_list() -> QuerySet[Partnership]:
    return Partnership.objects.annotate(
        member_count=Count("members", distinct=True),
        municipality_count=Count("municipalities", distinct=True),
    ).order_by("name")


def partnership_list_for_api() -> QuerySet[Partnership]:
    return Partnership.objects.prefetch_related(
        Prefetch("members", queryset=Organisation.objects.order_by("name")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
    ).order_by("name")


def partnership_detail(*, pk: int) -> Partnership:
    return Partnership.objects.prefetch_related(
        Prefetch("members", queryset=Organisation.objects.order_by("name")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
    ).get(pk=pk)


def learning_community_membership_list() -> QuerySet[LearningCommunityMembership]:
    return LearningCommunityMembership.objects.select_related("municipality").order_by(
        "municipality__name", "-joined_on"
    )


def learning_community_membership_detail(*, pk: int) -> LearningCommunityMembership:
    return learning_community_membership_list().get(pk=pk)


def focus_areas_by_municipality() -> QuerySet[FocusArea]:
    return FocusArea.objects.select_related("municipality").order_by("municipality__name", "name")


def activity_participation_list(*, programme: Programme | None) -> QuerySet[ActivityParticipation]:
    """Which organisations take part in the activities of one programme."""
    return (
        ActivityParticipation.objects.filter(activity__action_line__programme=programme)
        .select_related("organisation", "activity")
        .order_by("organisation__name", "activity__name")
    )


def activity_participation_detail(*, pk: int) -> ActivityParticipation:
    return ActivityParticipation.objects.select_related("organisation", "activity__action_line").get(pk=pk)
