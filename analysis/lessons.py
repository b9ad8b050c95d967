"""Lessons from municipalities and the SCP matrix as plain data, for the annual analysis and the board.

``lessons_section`` gathers the passages staff picked from the accepted reports over a year's
half-years. Each passage is signed with its municipality's name only when the municipality gave
its consent (``Municipality.shares_lessons_by_name``); otherwise with "een gemeente in <provincie>".
The name is resolved here, before the data is frozen, so the frozen analysis (and its hash) holds
only what may be shown. ``scp_section`` freezes the SCP matrix as of the analysis date, counted by
the same function as the register and the catalogue.
"""

import datetime

from django.db.models import Count, QuerySet

from analysis.models import LessonPassage
from interventions.models import Intervention, Report
from interventions.selectors.scp import scp_counts
from municipalities.models import anonymous_label


def published_passages() -> QuerySet[LessonPassage]:
    """Passages that may be shown: their report is (still) accepted. Everything a row shows, in one query."""
    return (
        LessonPassage.objects.filter(item__report__status=Report.Status.ACCEPTED)
        .annotate(places=Count("item__intervention__municipalities", distinct=True))
        .select_related(
            "protective_factor",
            "item__intervention",
            "item__report__period",
            "item__report__municipality",
        )
        .order_by(
            "protective_factor__code",
            "-is_good_practice",
            "item__report__period__year",
            "item__report__period__half",
            "item__report__municipality__name",
            "pk",
        )
    )


def passage_row(passage: LessonPassage) -> dict:
    """One passage as plain data, signed by name or anonymised as its municipality chose."""
    municipality = passage.item.report.municipality
    period = passage.item.report.period
    named = municipality.shares_lessons_by_name
    factor = passage.protective_factor
    places = getattr(passage, "places", None)
    if places is None:
        places = passage.item.intervention.municipalities.count()
    return {
        "text": passage.text,
        "source": passage.source,
        "good_practice": passage.is_good_practice,
        "named": named,
        # Without consent the name never enters the data; the page or PDF writes "een gemeente in ..."
        # in its own language (``signature``).
        "municipality": municipality.name if named else "",
        "province": municipality.province,
        # An intervention that runs in one municipality only would name it: left out when anonymised.
        "intervention": passage.item.intervention.name if named or places > 1 else "",
        "factor": factor.code,
        "factor_name": factor.name,
        "factor_name_en": factor.name_en or factor.name,
        "year": period.year,
        "half": period.half,
    }


def signature(row: dict) -> str:
    """Who a passage is from, as it may be shown."""
    return row["municipality"] if row["named"] else anonymous_label(row["province"])


def lessons_section(*, year: int) -> dict:
    """The passages picked from the accepted reports over the year's half-years, as they may be shown."""
    rows = [passage_row(p) for p in published_passages().filter(item__report__period__year=year)]
    return {"passages": rows}


def scp_section(as_of: datetime.date) -> dict:
    """The SCP matrix of the interventions in the programme on the date."""
    return scp_counts(Intervention.objects.filter(started_on__lte=as_of))
