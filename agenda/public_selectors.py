"""Reads for the programme's public pages: its words, action lines, principles, factors and phenomena."""

from django.db.models import Prefetch, QuerySet

from agenda.models import Phenomenon, Programme, ProtectiveFactor, ResilienceLevel


def programme_page(*, programme: Programme) -> dict:
    """What the programme page shows, each list in one query."""
    return {
        "action_lines": list(programme.action_lines.order_by("order", "code")),
        "principles": list(programme.guiding_principles.order_by("order", "code")),
        "related_programmes": list(programme.related_programmes.order_by("order", "name")),
    }


def resilience_levels_with_factors() -> QuerySet[ResilienceLevel]:
    return ResilienceLevel.objects.order_by("order").prefetch_related(
        Prefetch("protective_factors", queryset=ProtectiveFactor.objects.order_by("code"))
    )


def phenomenon_list() -> QuerySet[Phenomenon]:
    return Phenomenon.objects.order_by("code")
