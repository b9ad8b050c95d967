"""Writes to the register: grants, organisations, partnerships and learning-community membership.

Every write goes through `save_with_history`, so a change made in one form is one
entry in the object's history, many-to-many fields included.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from municipalities.models import Grant, LearningCommunityMembership, Organisation, Partnership


@transaction.atomic
def save_with_history(
    *, instance: models.Model, by: AbstractBaseUser | None, m2m: dict[str, Iterable] | None = None
) -> models.Model:
    """Validate and save an instance and its many-to-many fields, recorded as ONE history entry by `by`."""
    instance.full_clean()
    if by is not None:
        instance._history_user = by
    if not m2m:
        instance.save()
        return instance
    creating = instance._state.adding
    # simple-history writes a record per save and per m2m change; hold them back...
    instance.skip_history_when_saving = True
    try:
        if creating:
            instance.save()  # the row must exist before its many-to-many rows can
        for name, values in m2m.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    # ...and write one record now, holding the many-to-many state too.
    instance.save()
    if creating:
        latest = instance.history.order_by("-history_id").values("pk")[:1]
        instance.history.filter(pk__in=latest).update(history_type="+")
    return instance


def grant_save(*, grant: Grant, by: AbstractBaseUser) -> Grant:
    """Create or change a grant (specifieke uitkering)."""
    return save_with_history(instance=grant, by=by)


def organisation_save(*, organisation: Organisation, by: AbstractBaseUser) -> Organisation:
    """Create or change an organisation."""
    return save_with_history(instance=organisation, by=by)


def partnership_save(
    *, partnership: Partnership, members: Iterable, municipalities: Iterable, by: AbstractBaseUser
) -> Partnership:
    """Create or change a partnership with its member organisations and municipalities."""
    return save_with_history(instance=partnership, by=by, m2m={"members": members, "municipalities": municipalities})


def learning_community_membership_save(
    *, membership: LearningCommunityMembership, by: AbstractBaseUser
) -> LearningCommunityMembership:
    """Record a municipality joining (or leaving) the learning community."""
    return save_with_history(instance=membership, by=by)
