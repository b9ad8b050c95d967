"""Reads of municipalities, organisations and grants."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from municipalities.models import Municipality


def municipality_for_user(*, user: AbstractBaseUser | AnonymousUser) -> Municipality | None:
    """The one municipality a municipality user acts for, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_municipality"):
        membership = user.memberships.select_related("municipality").filter(municipality__isnull=False).first()
        user._portal_municipality = membership.municipality if membership else None
    return user._portal_municipality
