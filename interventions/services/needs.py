"""Writes of the programme's response to a municipality's needs: tags, answer, status and follow-up."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from core.history import save_with_history
from interventions.models import NeedResponse, NeedTag, Report


def need_tags_for(*, chosen: Iterable[NeedTag], new_names: Iterable[str], by: AbstractBaseUser) -> list[NeedTag]:
    """The chosen tags plus free tags by name; a name that exists already is that tag, not a second one."""
    tags = {tag.pk: tag for tag in chosen}
    for name in new_names:
        tag = NeedTag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = save_with_history(instance=NeedTag(name=name), by=by)
        tags[tag.pk] = tag
    return list(tags.values())


def need_respond(
    *,
    report: Report,
    by: AbstractBaseUser,
    status: str,
    answer: str,
    follow_up: str,
    tags: Iterable[NeedTag],
    new_tags: Iterable[str] = (),
) -> NeedResponse:
    """Record how the programme handles the needs of one report; a new or changed answer is signed by `by`."""
    with transaction.atomic():
        response = NeedResponse.objects.filter(report=report).first() or NeedResponse(report=report)
        if answer and answer != response.answer:
            response.answered_by = by  # type: ignore[assignment]
            response.answered_at = timezone.now()
        response.status = status
        response.answer = answer
        response.follow_up = follow_up
        all_tags = need_tags_for(chosen=tags, new_names=new_tags, by=by)
        return save_with_history(instance=response, by=by, m2m={"tags": all_tags})
