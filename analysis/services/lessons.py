"""Writes of the lessons staff pick from municipal reports: pick, change and remove a passage.

A passage must stay true to its source: it is the whole text of a field of an accepted report line,
or an excerpt of it. An excerpt may leave words out where it says so ("…"); every part left must
stand in the source, in the same order (whitespace does not count).
"""

import re

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from analysis.models import LessonPassage
from core.history import save_with_history
from interventions.models import Report

_OMISSION = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")
_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def excerpt_problem(*, excerpt: str, source: str) -> str | None:
    """Why ``excerpt`` is not a part of ``source``, or None when it is."""
    if not _squeeze(excerpt):
        return gettext("Een passage zonder tekst kan niet worden bewaard.")
    parts = [_squeeze(part) for part in _OMISSION.split(excerpt)]
    parts = [part for part in parts if part]
    if not parts:
        return gettext("Een passage van alleen weglatingstekens kan niet worden bewaard.")
    text = _squeeze(source)
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return gettext(
                "Deze tekst staat niet zo in het verslag: “%(part)s”. Een passage mag alleen weglaten, niet "
                "herschrijven; zet … waar u iets weglaat."
            ) % {"part": part[:80]}
        position = found + len(part)
    return None


def factor_choices(item) -> list:
    """The protective factors a passage of this report line may be filed under: the intervention's,
    and those the municipality rated in the line."""
    factors = {factor.pk: factor for factor in item.intervention.protective_factors.all()}
    factors.update({outcome.protective_factor_id: outcome.protective_factor for outcome in item.outcomes.all()})
    return sorted(factors.values(), key=lambda factor: factor.code)


def passage_save(*, passage: LessonPassage, by: User) -> LessonPassage:
    """Pick a passage or change one: the report must be accepted, the text a part of its source."""
    errors: dict[str, str] = {}
    item = passage.item
    if item.report.status != Report.Status.ACCEPTED:
        errors["item"] = gettext("Alleen uit een geaccepteerd verslag kiest u passages.")
    if passage.source not in LessonPassage.Source.values:
        errors["source"] = gettext("Kies het veld waaruit de passage komt.")
    else:
        problem = excerpt_problem(excerpt=passage.text, source=getattr(item, passage.source))
        if problem:
            errors["text"] = problem
    if passage.protective_factor_id not in {factor.pk for factor in factor_choices(item)}:
        errors["protective_factor"] = gettext(
            "Kies een beschermende factor van deze interventie, of een waarop de gemeente resultaat beoordeelde."
        )
    if errors:
        raise ValidationError(errors)
    passage.text = passage.text.strip()
    if passage.pk is None:
        passage.picked_by = by
    return save_with_history(instance=passage, by=by, validate=False)


def passage_remove(*, passage: LessonPassage, by: User) -> None:
    """Take a passage out of the lessons; its history keeps what it was and who removed it."""
    passage._history_user = by  # type: ignore[attr-defined]
    with transaction.atomic():
        passage.delete()
