"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import Programme

# The query parameter that puts a programme in a page's address, so that a page can be linked.
PROGRAMME_PARAMETER = "programme"


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("starts_on")


def running_programme(*, today: datetime.date) -> Programme | None:
    """The programme that runs today; between two programmes the latest one that started; else the first."""
    programmes = programme_list()
    running = programmes.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
    return running or programmes.filter(starts_on__lte=today).order_by("-starts_on").first() or programmes.first()


def current_programme(*, today: datetime.date, code: str | None = None) -> Programme | None:
    """The programme asked for by its code, else the one that runs today."""
    if code:
        chosen = programme_list().filter(code=code).first()
        if chosen:
            return chosen
    return running_programme(today=today)


def selected_programme(request: HttpRequest) -> Programme | None:
    """The programme a page is about: the one in its address, else the reader's choice, else the one running today."""
    return current_programme(today=timezone.localdate(), code=request.GET.get(PROGRAMME_PARAMETER))
