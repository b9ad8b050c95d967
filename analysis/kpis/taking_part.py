"""K08's first days: when each civil-society organisation first took part in a programme, kept in a table.

An organisation takes part in a programme from the first day it joined one of the programme's
activities, was a member of one of its partnerships from the day that started, or owned or was a
partner of an intervention from the day that started. Finding that day for every organisation
over those four tables on every KPI request grew with them (about 55,000 rows at ten times the
national data, 30 to 40 ms of the page); the table ``analysis.CivilSocietyFirstDay`` holds the
answer, one row per organisation and programme.

The table is rebuilt whole, in the database, by any change to what it is made of: an activity
participation, a partnership or its members, an intervention, its owner or partners, an
organisation's kind, an activity or action line's programme (the receivers below). The rebuild runs
inside the transaction of the change, so a change that is rolled back takes its rebuild with it,
and on PostgreSQL a transaction lock makes two rebuilds wait for each other. Code that writes
those tables without Django's signals (``bulk_create``, ``update()``, the benchmark's data)
calls ``rebuild()`` itself. ``first_days_by_organisation`` computes the same answer from the
tables directly; the tests hold the two to each other.
"""

import datetime

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from agenda.models import ActionLine, Activity, Programme
from analysis.kpis.counting import as_date
from analysis.models import CivilSocietyFirstDay
from core.sql import execute_with, select_with
from interventions.models import Intervention
from municipalities.models import ActivityParticipation, Organisation, Partnership

# Any number, the same in every process: the key of the transaction lock that serialises rebuilds.
LOCK_KEY = 80_080_008


def taking_part_days(programme: Programme) -> QuerySet:
    """(organisation, day) for every way a civil-society organisation took part in the programme."""
    civil_society = Organisation.Kind.CIVIL_SOCIETY
    ways = [
        ActivityParticipation.objects.filter(
            organisation__kind=civil_society, activity__action_line__programme=programme
        ).values_list("organisation_id", "joined_on"),
        Partnership.members.through.objects.filter(
            organisation__kind=civil_society, partnership__programme=programme
        ).values_list("organisation_id", "partnership__started_on"),
        Intervention.objects.filter(owner__kind=civil_society).values_list("owner_id", "started_on"),
        Intervention.partners.through.objects.filter(organisation__kind=civil_society).values_list(
            "organisation_id", "intervention__started_on"
        ),
    ]
    first, *others = [way.order_by() for way in ways]
    return first.union(*others, all=True)


FIRSTS = "SELECT key, MIN(day) FROM pairs WHERE day IS NOT NULL GROUP BY key"


def first_days_by_organisation(programme: Programme) -> dict[int, datetime.date]:
    """Each organisation's first day, computed from the four tables (what the table must hold)."""
    rows = select_with([("pairs (key, day)", taking_part_days(programme))], FIRSTS)
    return {key: as_date(day) for key, day in rows}


def kept_first_days(programme: Programme) -> dict[int, datetime.date]:
    """Each organisation's first day as the table holds it."""
    return dict(CivilSocietyFirstDay.objects.filter(programme=programme).values_list("organisation_id", "first_day"))


def rebuild() -> None:
    """Make the table again from the four tables, for every programme, in the current transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        CivilSocietyFirstDay.objects.all().delete()
        table = CivilSocietyFirstDay._meta.db_table
        for programme in Programme.objects.only("pk"):
            execute_with(
                [("pairs (key, day)", taking_part_days(programme))],
                # Fixed text: the table's own name; the programme is a parameter.
                f"INSERT INTO {table} (programme_id, organisation_id, first_day) "  # noqa: S608
                "SELECT %s, key, MIN(day) FROM pairs WHERE day IS NOT NULL GROUP BY key",
                [programme.pk],
            )


def _changed(**kwargs) -> None:
    if kwargs.get("raw"):
        return  # fixtures and archives load rows as they are, the table's rows with them
    rebuild()


def _members_changed(action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        rebuild()


def connect() -> None:
    """Rebuild on every change to what the first days are made of (called when the analysis app is ready)."""
    for model in (ActivityParticipation, Partnership, Intervention, Organisation, Activity, ActionLine):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"k08-first-days-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"k08-first-days-delete-{label}")
    for through in (Partnership.members.through, Intervention.partners.through):
        m2m_changed.connect(
            _members_changed, sender=through, dispatch_uid=f"k08-first-days-{through._meta.label_lower}"
        )
