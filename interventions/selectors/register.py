"""Reads for the register of interventions and evaluations (programme staff)."""

from django.db.models import Count, Prefetch, QuerySet

from agenda.models import ProtectiveFactor
from interventions.models import Evaluation, Intervention
from municipalities.models import Grant, LearningCommunityMembership, Municipality, Organisation, Partnership


def register_counts() -> dict[str, int]:
    """How many of each kind the register holds, for its index page."""
    return {
        "interventions": Intervention.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "municipalities": Municipality.objects.count(),
        "grants": Grant.objects.count(),
        "organisations": Organisation.objects.count(),
        "partnerships": Partnership.objects.count(),
        "memberships": LearningCommunityMembership.objects.count(),
    }


def intervention_list() -> QuerySet[Intervention]:
    return (
        Intervention.objects.select_related("owner", "resilience_level")
        .annotate(evaluation_count=Count("evaluations"))
        .order_by("name")
    )


def intervention_list_for_api() -> QuerySet[Intervention]:
    """The register list with every relation the API shows, in a fixed number of queries."""
    return (
        Intervention.objects.select_related("owner", "resilience_level")
        .prefetch_related(
            "partners",
            "municipalities",
            "action_lines",
            Prefetch("protective_factors", queryset=ProtectiveFactor.objects.select_related("level")),
            "phenomena",
            "target_groups",
        )
        .order_by("name")
    )


def intervention_detail(*, pk: int) -> Intervention:
    return (
        Intervention.objects.select_related("owner", "resilience_level")
        .prefetch_related(
            "partners",
            "municipalities",
            "action_lines",
            "protective_factors",
            "phenomena",
            "target_groups",
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluator").order_by("-started_on")),
        )
        .get(pk=pk)
    )


def evaluation_list() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related("intervention", "evaluator").order_by("intervention__name", "title")


def evaluation_detail(*, pk: int) -> Evaluation:
    return evaluation_list().get(pk=pk)
