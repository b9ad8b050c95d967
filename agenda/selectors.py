"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import Programme, ProgrammeChoice

# The query parameter that puts a programme in a page's address, so that a page can be linked.
PROGRAMME_PARAMETER = "programme"


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("starts_on")


def running_programme(*, today: datetime.date, programmes: list[Programme] | None = None) -> Programme | None:
    """The programme that runs today; between two programmes the latest one that started; else the first."""
    programmes = list(programme_list()) if programmes is None else programmes
    started = [p for p in programmes if p.starts_on <= today]
    running = [p for p in started if p.ends_on >= today]
    if running or started:
        return (running or started)[-1]
    return programmes[0] if programmes else None


def current_programme(*, today: datetime.date, code: str | None = None) -> Programme | None:
    """The programme asked for by its code, else the one that runs today."""
    programmes = list(programme_list())
    chosen = next((p for p in programmes if p.code == code), None) if code else None
    return chosen or running_programme(today=today, programmes=programmes)


def chosen_programme(user: AbstractBaseUser | AnonymousUser) -> Programme | None:
    """The programme a user last chose in the header, if any."""
    if not user.is_authenticated:
        return None
    choice = ProgrammeChoice.objects.filter(user_id=user.pk).select_related("programme").first()
    return choice.programme if choice else None


def programmes_of_request(request: HttpRequest) -> list[Programme]:
    """Every programme, read once per request: the header and the page both need them."""
    cached = getattr(request, "_programmes", None)
    if cached is None:
        cached = list(programme_list())
        request._programmes = cached  # type: ignore[attr-defined]
    return cached


def selected_programme(request: HttpRequest) -> Programme | None:
    """The programme a page is about: the one in its address, else the reader's choice, else the one running today.

    Read once per request: the header and the page ask for it both.
    """
    cached = getattr(request, "_selected_programme", None)
    if cached is not None:
        return cached
    programmes = programmes_of_request(request)
    code = request.GET.get(PROGRAMME_PARAMETER)
    programme = next((p for p in programmes if p.code == code), None) if code else None
    if programme is None and len(programmes) > 1:
        programme = chosen_programme(request.user)
    programme = programme or running_programme(today=timezone.localdate(), programmes=programmes)
    request._selected_programme = programme  # type: ignore[attr-defined]
    return programme
