"""The computed measures: what each KPI that is not recorded by hand counts in the portal's own data.

Each measure answers, in one query, for any number of dates, and can list exactly which
objects it counts as of one date and why (the drill-down). Every measure counts within
one programme: its own events, grants, partnerships, dashboards and analyses, and of
what has no programme of its own (interventions, evaluations) only what happened within
the programme's period. A per-year KPI counts within the calendar year of the date; a
deadline KPI counts from the programme's start up to the date.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agenda.models import Activity, Event, Kpi, PolicyThemeInventory, Programme, ResearchResult
from analysis.kpis.counting import (
    CountedRows,
    count_dated,
    counted_by,
    counted_in_db,
    format_day,
    once_each,
)
from analysis.kpis.status import counting_window
from analysis.models import AnnualAnalysis, CivilSocietyFirstDay, Dashboard
from interventions.models import Evaluation, Intervention
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)


@dataclass(frozen=True)
class Counted:
    """One object a KPI counts, and why it counts."""

    kind: str  # "intervention", "municipality", "organisation", "partnership", "event", ...
    pk: int
    label: str
    reason: str


@dataclass(frozen=True)
class Measure:
    code: str
    description: str | Promise  # translated lazily, in the language of whoever reads it
    values: Callable[[Programme, Sequence[datetime.date], bool], dict[datetime.date, Decimal]]
    members: Callable[[Programme, datetime.date, bool], Sequence[Counted]]


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _conferences(programme: Programme):
    return Event.objects.filter(activity__kind=Activity.Kind.CONFERENCE, activity__action_line__programme=programme)


def _conferences_held(programme, dates, per_year):
    return count_dated(_conferences(programme).values_list("pk", "held_on"), programme, dates, per_year)


def _conferences_held_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    events = _conferences(programme).filter(held_on__gte=start, held_on__lte=end)
    return [
        Counted("event", e.pk, e.title, _("Conferentie gehouden op %(date)s") % {"date": format_day(e.held_on)})
        for e in events.order_by("held_on")
    ]


def _learning_community_grantees(programme, dates, per_year):
    # A municipality counts while it is a member, from the day of its first grant in the programme.
    first_grant = Grant.objects.filter(programme=programme, municipality=OuterRef("municipality")).order_by(
        "awarded_on"
    )
    rows = LearningCommunityMembership.objects.annotate(
        first_grant=Subquery(first_grant.values("awarded_on")[:1])
    ).values_list("municipality_id", "joined_on", "left_on", "first_grant")

    granted_rows = [row for row in rows if row[3] is not None]
    return {
        day: Decimal(
            len(
                {
                    municipality
                    for municipality, joined, left, granted in granted_rows
                    if joined <= day and (left is None or left > day) and granted <= day
                }
            )
        )
        for day in dates
    }


def _learning_community_grantee_members(programme, day, per_year):
    memberships = {
        m.municipality_id: m
        for m in LearningCommunityMembership.objects.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .order_by("joined_on")
    }
    municipalities = (
        Municipality.objects.filter(pk__in=memberships, grants__programme=programme, grants__awarded_on__lte=day)
        .annotate(first_grant=Min("grants__awarded_on"))
        .distinct()
        .order_by("name")
    )
    return [
        Counted(
            "municipality",
            m.pk,
            m.name,
            _("Specifieke uitkering sinds %(grant)s; in de learning community sinds %(joined)s")
            % {"grant": format_day(m.first_grant), "joined": format_day(memberships[m.pk].joined_on)},
        )
        for m in municipalities
    ]


def _interventions_developed(programme, dates, per_year):
    rows = Intervention.objects.filter(developed_on__gte=programme.starts_on).values_list("pk", "developed_on")
    return counted_in_db(rows, programme, dates, per_year)


def _interventions_developed_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    interventions = (
        Intervention.objects.filter(developed_on__gte=start, developed_on__lte=end)
        .order_by("name")
        .values_list("pk", "name", "developed_on", "stage")
    )
    reason = str(_("Ontwikkeld op %(date)s; nu in de fase '%(stage)s'"))
    days = once_each(format_day)
    stages = once_each(lambda stage: str(Intervention.Stage(stage).label))

    def counted(row: tuple) -> Counted:
        pk, name, developed_on, stage = row
        return Counted("intervention", pk, name, reason % {"date": days(developed_on), "stage": stages(stage)})

    # Thousands of rows at ten times the national data: read a page at a time where the caller pages.
    return CountedRows(interventions, counted)


def _completed_evaluations(programme: Programme):
    # Only evaluations of interventions that K05 counts: developed within the programme's period.
    return Evaluation.objects.filter(
        status=Evaluation.Status.COMPLETED,
        completed_on__gte=programme.starts_on,
        intervention__developed_on__gte=programme.starts_on,
    )


def _interventions_evaluated(programme, dates, per_year):
    # An evaluation counts from the day both it was completed and its intervention was developed.
    rows = _completed_evaluations(programme).values_list(
        "intervention_id", Greatest("completed_on", "intervention__developed_on")
    )
    return counted_in_db(rows, programme, dates, per_year)


def _interventions_evaluated_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    evaluations = (
        _completed_evaluations(programme)
        .filter(completed_on__lte=end, intervention__developed_on__lte=end)
        .filter(Q(completed_on__gte=start) | Q(intervention__developed_on__gte=start))
        .select_related("intervention")
        .order_by("intervention__name", "completed_on")
    )
    first: dict[int, Evaluation] = {}
    for evaluation in evaluations:
        first.setdefault(evaluation.intervention_id, evaluation)
    reason = str(_("%(kind)s '%(title)s' afgerond op %(date)s"))
    days = once_each(format_day)
    kinds = once_each(lambda kind: str(Evaluation.Kind(kind).label))
    return [
        Counted(
            "intervention",
            e.intervention_id,
            e.intervention.name,
            reason % {"kind": kinds(e.kind), "title": e.title, "date": days(e.completed_on)},
        )
        for e in first.values()
    ]


# The kinds of partner the plan names for its partnerships: "onderwijsinstellingen, gemeenschappen,
# sleutelfiguren, gemeenten en maatschappelijke organisaties".
NAMED_PARTNER_KINDS = (
    Organisation.Kind.EDUCATION,
    Organisation.Kind.COMMUNITY,
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.CIVIL_SOCIETY,
)


def _named_partnerships(programme: Programme):
    """The programme's partnerships with at least one partner of a kind the plan names (a municipality counts)."""
    # Two existence tests, not joins: joining members and municipalities multiplied the rows, and DISTINCT
    # then sorted them all (7 ms at ten times the national data, against under 1 ms at national scale).
    named_member = Partnership.members.through.objects.filter(
        partnership=OuterRef("pk"), organisation__kind__in=NAMED_PARTNER_KINDS
    )
    municipality = Partnership.municipalities.through.objects.filter(partnership=OuterRef("pk"))
    return Partnership.objects.filter(programme=programme).filter(Exists(named_member) | Exists(municipality))


def _named_partnerships_values(programme, dates, per_year):
    rows = _named_partnerships(programme).values_list("pk", "started_on")
    return counted_in_db(rows, programme, dates, per_year)


def _named_partnerships_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    partnerships = (
        _named_partnerships(programme)
        .filter(started_on__gte=start, started_on__lte=end)
        .prefetch_related("members", "municipalities")
        .order_by("name")
    )
    counted = []
    for p in partnerships:
        kinds = sorted({str(m.get_kind_display()) for m in p.members.all() if m.kind in NAMED_PARTNER_KINDS})
        if p.municipalities.all() and str(Organisation.Kind.MUNICIPALITY.label) not in kinds:
            kinds.append(str(Organisation.Kind.MUNICIPALITY.label))
        reason = _("Gestart op %(start)s, met: %(kinds)s") % {
            "start": format_day(p.started_on),
            "kinds": ", ".join(kind.lower() for kind in kinds),
        }
        if p.ended_on:
            reason = _("%(reason)s; beëindigd op %(end)s") % {"reason": reason, "end": format_day(p.ended_on)}
        counted.append(Counted("partnership", p.pk, p.name, reason))
    return counted


FAR_FUTURE = datetime.date(9999, 12, 31)


def _first_taking_part(programme: Programme) -> dict[str, Coalesce]:
    """The first day a civil-society organisation took part in each way (far in the future if it never did).

    An organisation takes part as of a day when any of these is on or before it: an activity
    or a partnership of the programme, or an intervention that runs in the programme's period.
    One small correlated subquery per way and organisation, instead of an existence test per
    way, organisation and date.
    """
    org = OuterRef("pk")

    def first(queryset, field):
        return Coalesce(Subquery(queryset.order_by(field).values(field)[:1]), Value(FAR_FUTURE))

    return {
        "activity": first(
            ActivityParticipation.objects.filter(organisation=org, activity__action_line__programme=programme),
            "joined_on",
        ),
        "partnership": first(Partnership.objects.filter(members=org, programme=programme), "started_on"),
        "owner": first(Intervention.objects.filter(owner=org), "started_on"),
        "partner": first(Intervention.objects.filter(partners=org), "started_on"),
    }


def _civil_society_first_days(programme: Programme):
    return (
        Organisation.objects.filter(kind=Organisation.Kind.CIVIL_SOCIETY)
        .annotate(**{f"first_{way}": expression for way, expression in _first_taking_part(programme).items()})
        .order_by("name")
    )


def _civil_society_taking_part(programme, dates, per_year):
    # One query over the kept first days (analysis/kpis/taking_part.py): how many organisations first took part
    # on each day; counting per date is then a running sum. Like the drill-down, it counts from the first day
    # in any way, also before the programme.
    firsts = list(
        CivilSocietyFirstDay.objects.filter(programme=programme)
        .order_by("first_day")
        .values("first_day")
        .annotate(count=Count("pk"))
        .values_list("first_day", "count")
    )
    by = counted_by(firsts)
    return {day: by(day) for day in dates}


def _civil_society_taking_part_members(programme, day, per_year):
    labels = {
        "activity": _("neemt deel aan een activiteit"),
        "partnership": _("lid van een samenwerkingsverband"),
        "intervention": _("eigenaar of partner van een interventie"),
    }
    counted = []
    for o in _civil_society_first_days(programme):
        ways = {
            "activity": o.first_activity <= day,
            "partnership": o.first_partnership <= day,
            "intervention": o.first_owner <= day or o.first_partner <= day,
        }
        if any(ways.values()):
            reason = "; ".join(str(labels[way]) for way, taking_part in ways.items() if taking_part).capitalize()
            counted.append(Counted("organisation", o.pk, o.name, reason))
    return counted


def _dashboards_published(programme, dates, per_year):
    # A published first version of a dashboard is one time the board was informed;
    # corrections of it are not counted again.
    rows = [
        (pk, _local_day(published_at))
        for pk, published_at in Dashboard.objects.filter(
            programme=programme, status=Dashboard.Status.PUBLISHED, correction_of__isnull=True
        ).values_list("pk", "published_at")
    ]
    return count_dated(rows, programme, dates, per_year)


def _dashboards_published_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    dashboards = Dashboard.objects.filter(
        programme=programme,
        status=Dashboard.Status.PUBLISHED,
        correction_of__isnull=True,
        published_at__date__gte=start,
        published_at__date__lte=end,
    ).order_by("published_at")
    return [
        Counted(
            "dashboard",
            d.pk,
            _("Dashboard %(label)s") % {"label": str(d)},
            _("Gepubliceerd voor de klankbordgroep op %(date)s") % {"date": format_day(_local_day(d.published_at))},
        )
        for d in dashboards
    ]


def _research_results_shared(programme, dates, per_year):
    rows = ResearchResult.objects.filter(programme=programme).values_list("pk", "shared_on")
    return count_dated(rows, programme, dates, per_year)


def _research_results_shared_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    results = ResearchResult.objects.filter(programme=programme, shared_on__gte=start, shared_on__lte=end).order_by(
        "shared_on", "title"
    )
    return [
        Counted(
            "research_result",
            r.pk,
            r.title,
            _("Resultaten van %(source)s gedeeld op %(date)s") % {"source": r.source, "date": format_day(r.shared_on)},
        )
        for r in results
    ]


def _policy_inventories(programme, dates, per_year):
    rows = PolicyThemeInventory.objects.filter(programme=programme).values_list("pk", "held_on")
    return count_dated(rows, programme, dates, per_year)


def _policy_inventories_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    inventories = PolicyThemeInventory.objects.filter(
        programme=programme, held_on__gte=start, held_on__lte=end
    ).order_by("held_on")
    return [
        Counted(
            "policy_inventory",
            i.pk,
            str(i),
            _("Afgerond op %(date)s, %(count)s thema's") % {"date": format_day(i.held_on), "count": len(i.theme_list)},
        )
        for i in inventories
    ]


def _board_consultations_queryset(programme: Programme):
    """The programme's board meetings at which advice was asked about results presented: in words, or as a
    published dashboard."""
    presented = Dashboard.presented_at.through.objects.filter(
        event=OuterRef("pk"), dashboard__status=Dashboard.Status.PUBLISHED
    )
    return Event.objects.filter(
        activity__kind=Activity.Kind.ADVISORY_BOARD, activity__action_line__programme=programme, advice_asked=True
    ).filter(~Q(results_presented="") | Exists(presented))


def _board_consultations(programme, dates, per_year):
    rows = _board_consultations_queryset(programme).values_list("pk", "held_on")
    return count_dated(rows, programme, dates, per_year)


def _board_consultations_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    meetings = (
        _board_consultations_queryset(programme)
        .filter(held_on__gte=start, held_on__lte=end)
        .prefetch_related("dashboards_presented")
        .order_by("held_on")
    )
    counted = []
    for meeting in meetings:
        dashboards = [str(d) for d in meeting.dashboards_presented.all() if d.status == Dashboard.Status.PUBLISHED]
        presented = ", ".join(
            ([_("dashboard %(names)s") % {"names": ", ".join(dashboards)}] if dashboards else [])
            + (
                [meeting.results_presented.strip().splitlines()[0].rstrip(".")]
                if meeting.results_presented.strip()
                else []
            )
        )
        counted.append(
            Counted(
                "event",
                meeting.pk,
                meeting.title,
                _("Op %(date)s gepresenteerd: %(presented)s; advies gevraagd")
                % {"date": format_day(meeting.held_on), "presented": presented},
            )
        )
    return counted


def _analyses_published(programme, dates, per_year):
    # Each year's analysis counts once, however many versions were published.
    rows = [
        (year, _local_day(published_at))
        for year, published_at in AnnualAnalysis.objects.filter(
            programme=programme, published_at__isnull=False
        ).values_list("year", "published_at")
    ]
    return count_dated(rows, programme, dates, per_year)


def _analyses_published_members(programme, day, per_year):
    start, end = counting_window(programme, day, per_year)
    analyses = AnnualAnalysis.objects.filter(
        programme=programme, published_at__date__gte=start, published_at__date__lte=end
    ).order_by("year", "published_at")
    first: dict[int, AnnualAnalysis] = {}
    for analysis in analyses:
        first.setdefault(analysis.year, analysis)
    return [
        Counted(
            "analysis",
            a.pk,
            _("Landelijke analyse %(year)s") % {"year": a.year},
            _("Versie %(version)s gepubliceerd op %(date)s")
            % {"version": a.version, "date": format_day(_local_day(a.published_at))},
        )
        for a in first.values()
    ]


MEASURES: dict[str, Measure] = {
    measure.code: measure
    for measure in [
        Measure("conferences_held", _("Conferenties gehouden"), _conferences_held, _conferences_held_members),
        Measure(
            "learning_community_grantees",
            _("Gemeenten met een specifieke uitkering en een lopende deelname aan de learning community"),
            _learning_community_grantees,
            _learning_community_grantee_members,
        ),
        Measure(
            "interventions_developed",
            _("Interventies die sinds de start van het programma (verder) zijn ontwikkeld"),
            _interventions_developed,
            _interventions_developed_members,
        ),
        Measure(
            "interventions_evaluated",
            _(
                "Van de interventies die sinds de start van het programma zijn ontwikkeld: die met een afgeronde "
                "evaluatie"
            ),
            _interventions_evaluated,
            _interventions_evaluated_members,
        ),
        Measure(
            "named_partnerships",
            _(
                "Samenwerkingsverbanden van het programma met onderwijsinstellingen, gemeenschappen of "
                "sleutelfiguren, gemeenten of maatschappelijke organisaties"
            ),
            _named_partnerships_values,
            _named_partnerships_members,
        ),
        Measure(
            "civil_society_organisations",
            _("Maatschappelijke organisaties die deelnemen aan een activiteit, samenwerkingsverband of interventie"),
            _civil_society_taking_part,
            _civil_society_taking_part_members,
        ),
        Measure(
            "dashboards_published",
            _("Dashboards gepubliceerd voor de klankbordgroep"),
            _dashboards_published,
            _dashboards_published_members,
        ),
        Measure(
            "research_results_shared",
            _("Resultaten van onderzoek gedeeld, geteld op de dag waarop ze zijn gedeeld"),
            _research_results_shared,
            _research_results_shared_members,
        ),
        Measure(
            "policy_inventories",
            _("Inventarisaties van beleidsthema's, geteld op de dag waarop ze zijn afgerond"),
            _policy_inventories,
            _policy_inventories_members,
        ),
        Measure(
            "board_consultations",
            _("Bijeenkomsten van de klankbordgroep waarop resultaten zijn gepresenteerd en advies is gevraagd"),
            _board_consultations,
            _board_consultations_members,
        ),
        Measure(
            "analyses_published",
            _("Jaarlijkse analyses gepubliceerd"),
            _analyses_published,
            _analyses_published_members,
        ),
    ]
}


def measure_choices() -> list[tuple[str, str]]:
    """Every way a KPI can be measured: by hand, or one of the computed measures."""
    return [(Kpi.MANUAL, str(_("Handmatig vastgelegd door de staf")))] + [
        (code, str(measure.description)) for code, measure in MEASURES.items()
    ]
