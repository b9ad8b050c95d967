"""Reads for the public intervention catalogue: only what staff marked as public."""

from django.db.models import Prefetch, QuerySet

from agenda.models import ProtectiveFactor
from core.access import User
from interventions.models import Evaluation, Intervention
from interventions.permissions.register import can_use_register
from municipalities.models import Municipality, Organisation


def catalogue_list() -> QuerySet[Intervention]:
    """Public interventions with what a catalogue card shows, in a fixed number of queries."""
    return (
        Intervention.objects.filter(is_public=True)
        .select_related("owner", "resilience_level")
        .prefetch_related(
            "protective_factors",
            "target_groups",
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name").only("id", "name", "cbs_code")),
        )
        .order_by("name")
    )


def catalogue_list_for_api() -> QuerySet[Intervention]:
    """Public interventions with everything the public API shows, in a fixed number of queries."""
    return catalogue_list().prefetch_related(
        "phenomena",
        "action_lines",
        Prefetch("partners", queryset=Organisation.objects.order_by("name")),
        Prefetch("evaluations", queryset=_public_evaluations()),
    )


def _public_evaluations() -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(is_public=True)
        .select_related("evaluator", "intervention")
        .order_by("-completed_on", "title")
    )


def catalogue_detail(*, slug: str, user: User) -> Intervention:
    """One intervention for its catalogue page; a non-public one only for staff (a preview)."""
    interventions = (
        Intervention.objects.all() if can_use_register(user) else Intervention.objects.filter(is_public=True)
    )
    return (
        interventions.select_related("owner", "resilience_level")
        .prefetch_related(
            Prefetch("protective_factors", queryset=ProtectiveFactor.objects.select_related("level")),
            "phenomena",
            "target_groups",
            "action_lines",
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("evaluations", queryset=_public_evaluations()),
        )
        .get(slug=slug)
    )


def catalogue_evaluation(*, slug: str, pk: int) -> Evaluation:
    return Evaluation.objects.select_related("intervention").get(pk=pk, intervention__slug=slug)
