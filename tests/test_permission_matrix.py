"""The permission matrix, generated from the URL configuration.

Every route the project has is checked for every role, with the rule from
tests/permission_rules.py (tests/permission_kinds.py says how to add one). Above all: a user of
municipality A never reaches an object of municipality B, on any page, API endpoint
or download, with any method; they get 404, exactly as for an object that does not exist.
"""

import copy
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agenda.models import (
    Activity,
    BoardMembership,
    Event,
    Expenditure,
    Kpi,
    KpiMeasurement,
    PolicyThemeInventory,
    ResearchResult,
)
from analysis.annual import analysis_data
from analysis.models import (
    Advice,
    AnnualAnalysis,
    Dashboard,
    DashboardPdf,
    Indicator,
    IndicatorImport,
    LessonPassage,
)
from analysis.services.dashboards import dashboard_publish
from analysis.snapshots import freeze
from core.models import ApiToken, Notification
from core.tokens import token_create
from interventions.models import Evaluation, Intervention, Report, ReportAttachment, ReportItem
from interventions.services import reports as services
from municipalities.models import (
    ActivityParticipation,
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)
from tests import oidc_provider, permission_kinds, permission_rules
from tests.conftest import build_world, kept_for_the_scope, make_users
from tests.factories import (
    AdviceFactory,
    AnnualAnalysisFactory,
    DashboardFactory,
    EvaluationFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ReportFactory,
    ReportingPeriodFactory,
    ReportItemFactory,
)
from tests.interventions.reporting import (
    PDF_BYTES,
    upload,
)

ROLE_USERS = {
    "anonymous": None,
    "staff": "alice",
    "municipality_a": "bob",
    "municipality_b": "carol",
    "board": "dave",
    "no_role": "eve",
}
MISSING_PK = 10**9


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str


def project_routes() -> list[Route]:
    """Every named route in the project, with namespaces, minus the explicitly skipped ones."""
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in permission_kinds.SKIPPED_NAMESPACES:
                    continue
                inner = ":".join(part for part in (namespace, entry.namespace) if part)
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = entry.name or f"<unnamed {prefix}{entry.pattern}>"
                if entry.name in permission_kinds.SKIPPED_NAMES:
                    continue
                routes.append(Route(f"{namespace}:{name}" if namespace else name, prefix + str(entry.pattern)))

    walk(get_resolver().url_patterns, "/", "")
    return routes


ROUTES = project_routes()


def test_every_route_has_a_rule():
    missing = sorted({route.name for route in ROUTES} - set(permission_rules.RULES))
    assert missing == [], "These routes have no permission rule; add one to tests/permission_rules.py: " + ", ".join(
        missing
    )


def test_every_rule_belongs_to_a_route():
    stale = sorted(set(permission_rules.RULES) - {route.name for route in ROUTES})
    assert stale == [], "These rules name routes that do not exist: " + ", ".join(stale)


def test_the_matrix_covers_the_reporting_routes():
    names = {route.name for route in ROUTES}
    assert {
        "interventions:report_edit",
        "interventions:attachment_download",
        "interventions_api:report-item-detail",
    } <= names
    assert len([name for name in names if name in permission_rules.RULES]) >= 20


# URL kwargs that name an object; a route with one of them must check a missing object too.
OBJECT_KWARGS = re.compile(r"(?:<(?:\w+:)?|\(\?P<)(pk|\w+_pk|slug|cbs_code)>")


def test_every_object_route_compares_with_a_missing_object():
    """A route that points at an object has a case with `scoped` roles: for them the object and one that
    does not exist must be indistinguishable (municipality A and B's objects, the board and drafts)."""
    unscoped = sorted(
        route.name
        for route in ROUTES
        if OBJECT_KWARGS.search(route.pattern)
        and route.name in permission_rules.RULES
        and not any(rule.scoped for rule in permission_rules.cases(route.name))
    )
    assert unscoped == [], "Give these rules scoped=... (see tests/permission_rules.py): " + ", ".join(unscoped)


@dataclass
class World:
    """Objects of municipality B (Utrecht) that the scoped URLs point at; A is Rotterdam.

    B's report, grant, membership, organisation, partnership, intervention and evaluation each
    have a counterpart of A, so "not found" is never just "A has nothing". The dashboards and
    the advice belong to no municipality.
    """

    today: datetime.date
    b_report: Report
    b_item: ReportItem
    b_attachment: ReportAttachment
    b_municipality: Municipality
    b_grant: Grant
    b_membership: LearningCommunityMembership
    b_organisation: Organisation
    b_partnership: Partnership
    b_intervention: Intervention  # public, runs in B only
    b_evaluation: Evaluation  # public, of b_intervention, with a report file
    hidden_intervention: Intervention  # not public (yet), runs in B
    hidden_evaluation: Evaluation  # public itself, of hidden_intervention, with a report file
    draft_dashboard: Dashboard
    published_dashboard: Dashboard
    advice: Advice  # the board's advice on the published dashboard
    unpublished_analysis: AnnualAnalysis  # finished, not published: staff preview it
    published_analysis: AnnualAnalysis
    dashboard_pdf: DashboardPdf  # the finished PDF of the published dashboard
    measurement: KpiMeasurement  # of the manual KPI K10
    expenditure: Expenditure
    # The programme's records: the board reads them, municipalities see none of them.
    board_meeting: Event  # a meeting of the advisory board, with the published dashboard presented
    research_result: ResearchResult  # with a file
    policy_inventory: PolicyThemeInventory
    board_membership: BoardMembership
    participation: ActivityParticipation
    b_needs_report: Report  # submitted in 2024-H1, with needs and questions to the programme
    b_area: FocusArea  # an area B delimited itself (A has one too)
    indicator_import: IndicatorImport  # a kept CSV, not applied yet
    b_accepted_item: ReportItem  # a line of B's accepted report of last year, with lessons written
    b_passage: LessonPassage  # picked from it
    b_token: ApiToken  # carol's own API key (bob has one too)
    b_notification: Notification  # one of carol's notifications (bob has one too)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The users and the world, built once for all routes: each test's changes are rolled back."""
    with (
        kept_for_the_scope(django_db_blocker),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        users = make_users()
        yield users, _build(users, build_world())


@pytest.fixture
def users(db, built):
    return built[0]


@pytest.fixture
def world(db, built):
    return copy.deepcopy(built[1])


def _build(users, base) -> World:
    # A's own report exists too, so "not found" is never just "A has nothing".
    services.report_create(municipality=base.rotterdam, period=base.period, by=users["bob"], on=base.today)
    report = services.report_create(municipality=base.utrecht, period=base.period, by=users["carol"], on=base.today)
    report = services.report_save(
        report=report, by=users["carol"], revision=report.revision, add_files=[upload("utrecht.pdf", PDF_BYTES)]
    )
    # The register: each of A's objects has one of B next to it.
    for municipality in (base.rotterdam, base.utrecht):
        LearningCommunityMembershipFactory(municipality=municipality, joined_on=datetime.date(2024, 1, 1))
        organisation = OrganisationFactory(
            name=f"Gemeente {municipality.name}", kind=Organisation.Kind.MUNICIPALITY, municipality=municipality
        )
        partnership = PartnershipFactory(name=f"Samen {municipality.name}")
        partnership.members.set([organisation])
        partnership.municipalities.set([municipality])
        intervention = base.utrecht_intervention if municipality == base.utrecht else base.rotterdam_intervention
        EvaluationFactory(
            intervention=intervention,
            evaluator=organisation,
            report_file=upload(f"evaluatie-{municipality.cbs_code}.pdf", PDF_BYTES),
        )
    hidden = InterventionFactory(name="Nog niet openbaar", is_public=False, municipalities=[base.utrecht])
    hidden_evaluation = EvaluationFactory(intervention=hidden, report_file=upload("verborgen.pdf", PDF_BYTES))
    # Dashboards: a published one for the first half of last year with advice of the board, and a draft of the
    # second half, which the board never sees.
    year = base.today.year - 1
    published = dashboard_publish(
        dashboard=DashboardFactory(year=year, half=1, created_by=users["alice"]),
        by=users["alice"],
        at=timezone.make_aware(datetime.datetime(year, 9, 17, 10)),
        notify=False,
    )
    draft = DashboardFactory(year=year, half=2, created_by=users["alice"])
    advice = AdviceFactory(dashboard=published, author=users["dave"])
    # Finished PDF jobs, with a (tiny) stored PDF each.
    analyses = []
    # Frozen data, so the HTML edition, the texts and the open data have something to show.
    snapshot, data_hash = freeze(analysis_data(programme=published.programme, year=year, version=1))
    for version, published_at in ((1, None), (2, timezone.now())):
        analysis = AnnualAnalysisFactory(
            year=year, version=version, status="done", page_count=1, snapshot=snapshot, data_hash=data_hash
        )
        analysis.pdf.save(f"analyse-{version}.pdf", ContentFile(PDF_BYTES), save=False)
        analysis.published_at = published_at
        analysis.save()
        analyses.append(analysis)
    dashboard_pdf = DashboardPdf(dashboard=published, status="done", page_count=1)
    dashboard_pdf.pdf.save("dashboard.pdf", ContentFile(PDF_BYTES))
    # Lessons: a line of B's accepted report of last year, and a passage picked from it.
    accepted_item = ReportItemFactory(
        report=ReportFactory(
            municipality=base.utrecht,
            period=ReportingPeriodFactory(year=year, half=2),
            status=Report.Status.ACCEPTED,
            submitted_at=timezone.now(),
        ),
        intervention=base.utrecht_intervention,
        lessons_learned="Sleutelfiguren bereiken wie wij niet bereiken.",
    )
    passage = LessonPassage.objects.create(
        item=accepted_item, source="lessons_learned", text="Sleutelfiguren bereiken", protective_factor=base.factor
    )
    notifications = [
        Notification.objects.create(
            recipient=users[name],
            kind=Notification.Kind.REPORT_REVIEWED,
            params={"year": base.period.year, "half": base.period.half, "status": "returned"},
            url=f"/verslagen/{report.pk}/",
        )
        for name in ("bob", "carol")
    ]
    return World(
        today=timezone.localdate(),
        b_notification=notifications[1],
        b_report=report,
        b_item=report.items.get(),
        b_attachment=report.attachments.get(),
        b_municipality=base.utrecht,
        b_grant=Grant.objects.get(municipality=base.utrecht),
        b_membership=LearningCommunityMembership.objects.get(municipality=base.utrecht),
        b_organisation=Organisation.objects.get(municipality=base.utrecht),
        b_partnership=Partnership.objects.get(municipalities=base.utrecht),
        b_intervention=base.utrecht_intervention,
        b_evaluation=Evaluation.objects.get(intervention=base.utrecht_intervention),
        hidden_intervention=hidden,
        hidden_evaluation=hidden_evaluation,
        draft_dashboard=draft,
        published_dashboard=published,
        advice=advice,
        unpublished_analysis=analyses[0],
        published_analysis=analyses[1],
        dashboard_pdf=dashboard_pdf,
        measurement=KpiMeasurement.objects.create(
            kpi=Kpi.objects.get(code="K10"), measured_on=datetime.date(2024, 5, 1), value=1
        ),
        indicator_import=IndicatorImport.objects.create(
            indicator=Indicator.objects.get(code="ervaren-discriminatie"),
            file_name="discriminatie.csv",
            content='"Perioden";"Ervaren discriminatie (%)"\n"2023JJ00";"26,5"\n',
            content_hash="-",
        ),
        expenditure=Expenditure.objects.create(
            programme=published.programme, amount=Decimal("100"), date=datetime.date(2024, 5, 1), source="Factuur"
        ),
        b_needs_report=ReportFactory(
            municipality=base.utrecht,
            period=ReportingPeriodFactory(year=2024, half=1),
            status=Report.Status.SUBMITTED,
            submitted_at=timezone.now(),
            needs="Meer kennis over polarisatie.",
        ),
        b_area=[
            FocusArea.objects.create(municipality=municipality, name=f"Wijk in {municipality.name}")
            for municipality in (base.rotterdam, base.utrecht)
        ][1],
        **_records(published),
        b_accepted_item=accepted_item,
        b_passage=passage,
        b_token=[token_create(by=users[name], name="Systeem", address=None)[0] for name in ("bob", "carol")][1],
    )


def _records(published: Dashboard) -> dict:
    programme = published.programme
    activities = {a.kind: a for a in Activity.objects.filter(action_line__programme=programme)}
    meeting = Event.objects.create(
        activity=activities[Activity.Kind.ADVISORY_BOARD],
        title="Klankbordgroep",
        held_on=datetime.date(published.year, 10, 1),
        advice_asked=True,
    )
    published.presented_at.add(meeting)
    result = ResearchResult(
        programme=programme, title="Resultaten", source="NWA", year=2024, shared_on=datetime.date(2024, 5, 1)
    )
    result.file.save("resultaten.pdf", ContentFile(PDF_BYTES), save=False)
    result.save()
    return {
        "board_meeting": meeting,
        "research_result": result,
        "policy_inventory": PolicyThemeInventory.objects.create(
            programme=programme, year=2024, held_on=datetime.date(2024, 12, 1), themes="Onderwijs"
        ),
        "board_membership": BoardMembership.objects.create(
            programme=programme,
            person="Lid",
            organisation="VNG",
            constituency=BoardMembership.Constituency.VNG,
            starts_on=datetime.date(2024, 1, 1),
        ),
        "participation": ActivityParticipation.objects.create(
            organisation=Organisation.objects.order_by("pk").first(),
            activity=activities[Activity.Kind.CONFERENCE],
            joined_on=datetime.date(2024, 1, 1),
        ),
    }


def _request(client, method: str, url: str, *, api: bool):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {}, content_type="application/json") if api else client.post(url, {})
    return client.generic(method, url, "{}", content_type="application/json")


def _matches(response, expected) -> bool:
    if expected is None:
        return response.status_code < 500
    if expected == permission_kinds.LOGIN:
        return response.status_code == 302 and response["Location"].startswith(reverse("login"))
    return response.status_code == expected


def _describe(expected) -> str:
    return "302 to login" if expected == permission_kinds.LOGIN else str(expected)


def _check(rule: permission_kinds.Rule, route: Route, client, users, world) -> list[str]:
    kwargs = rule.kwargs(world) if rule.kwargs else {}
    url = reverse(route.name, kwargs=kwargs)
    if rule.missing:
        missing_kwargs = rule.missing(world)
    else:
        missing_kwargs = {k: MISSING_PK if isinstance(v, int) else v for k, v in kwargs.items()}
    missing_url = reverse(route.name, kwargs=missing_kwargs)
    assert not rule.scoped or missing_url != url, f"{route.name}: give the rule missing= for a scoped check"
    failures = []
    for role, username in ROLE_USERS.items():
        # Each role finds the world as it was built: what an earlier role's POST changed (staff publishing
        # or deleting the draft dashboard) is rolled back.
        with transaction.atomic():
            failures += _check_role(rule, role, username, url, missing_url, client, users)
            transaction.set_rollback(True)
    return failures


def _check_role(rule: permission_kinds.Rule, role: str, username, url: str, missing_url: str, client, users):
    failures = []
    client.logout()
    if username:
        client.force_login(users[username])
    for method, by_role in rule.expect.items():
        expected = by_role[role]
        response = _request(client, method, url, api=rule.api)
        if not _matches(response, expected):
            failures.append(f"{role:15} {method:5} {url}: expected {_describe(expected)}, got {response.status_code}")
        if role in rule.scoped:
            # This object and an object that does not exist are indistinguishable for this role.
            absent = _request(client, method, missing_url, api=rule.api)
            if absent.status_code != response.status_code:
                failures.append(
                    f"{role:15} {method:5} {missing_url}: {absent.status_code} for a missing object, "
                    f"but {response.status_code} for {url}"
                )
    return failures


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_each_role_gets_the_expected_answer(route, client, users, world):
    if route.name not in permission_rules.RULES:
        pytest.fail(f"Route {route.name} ({route.pattern}) has no rule in tests/permission_rules.py")
    report = []
    for rule in permission_rules.cases(route.name):
        failures = _check(rule, route, client, users, world)
        if failures:
            what = f" [{rule.notes}]" if rule.notes else ""
            report.append(f"{route.name} ({rule.kind}){what}:\n" + "\n".join(failures))
    assert report == [], "\n".join(report)


# How to switch on each feature of permission_rules.OPTIONAL_RULES in a test's settings, and off again.
_SSO_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso.example.invalid/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://sso.example.invalid/token",
    "OIDC_OP_USER_ENDPOINT": "https://sso.example.invalid/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://sso.example.invalid/jwks",
}
FEATURE_SWITCHES = {
    "OIDC_ENABLED": (
        lambda settings: oidc_provider.switch_on(settings, endpoints=_SSO_ENDPOINTS),
        oidc_provider.switch_off,
    ),
}


@pytest.mark.parametrize("setting", sorted(permission_rules.OPTIONAL_RULES))
def test_routes_of_a_feature_that_is_off_by_default(setting, settings, client, users, world):
    """Off, the feature has no routes; switched on, it adds exactly the routes it has rules for, and each role
    gets the answer its rule expects."""
    rules = permission_rules.OPTIONAL_RULES[setting]
    assert getattr(settings, setting) is False
    assert not set(rules) & {route.name for route in ROUTES}
    switch_on, switch_off = FEATURE_SWITCHES[setting]
    switch_on(settings)
    try:
        known = {route.name for route in ROUTES}
        added = {route.name: route for route in project_routes() if route.name not in known}
        assert sorted(added) == sorted(rules), "Give each route of the feature a rule in OPTIONAL_RULES"
        report = []
        for name, rule in rules.items():
            failures = _check(rule, added[name], client, users, world)
            if failures:
                report.append(f"{name} ({rule.kind}) [{rule.notes}]:\n" + "\n".join(failures))
        assert report == [], "\n".join(report)
    finally:
        switch_off(settings)
