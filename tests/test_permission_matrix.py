"""The permission matrix, generated from the URL configuration.

Every route the project has is checked for every role, with the rule from
tests/permission_rules.py (read its docstring to add a rule). Above all: a user of
municipality A never reaches an object of municipality B, on any page, API endpoint
or download, with any method; they get 404, exactly as for an object that does not exist.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agenda.models import Expenditure, Kpi, KpiMeasurement
from analysis.models import Advice, Dashboard
from analysis.services.dashboards import dashboard_publish
from interventions.models import Evaluation, Intervention, Report, ReportAttachment, ReportItem
from interventions.services import reports as services
from municipalities.models import Grant, LearningCommunityMembership, Organisation, Partnership
from tests import permission_rules
from tests.factories import (
    AdviceFactory,
    DashboardFactory,
    EvaluationFactory,
    LearningCommunityMembershipFactory,
    PartnershipFactory,
)
from tests.interventions.reporting import (
    PDF_BYTES,
    build_world,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
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
                if entry.namespace in permission_rules.SKIPPED_NAMESPACES:
                    continue
                inner = ":".join(part for part in (namespace, entry.namespace) if part)
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = entry.name or f"<unnamed {prefix}{entry.pattern}>"
                if entry.name in permission_rules.SKIPPED_NAMES:
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
    assert {"interventions:report_edit", "interventions:attachment_download", "api-report-item-detail"} <= names
    assert len([name for name in names if name in permission_rules.RULES]) >= 20


@dataclass
class World:
    """Objects of municipality B (Utrecht) that the scoped URLs point at; A is Rotterdam.

    Then one object of each kind the staff pages, the catalogue and the board's pages
    point at: those are not scoped to a municipality.
    """

    today: datetime.date
    b_report: Report
    b_item: ReportItem
    b_attachment: ReportAttachment
    intervention: Intervention
    evaluation: Evaluation
    grant: Grant
    organisation: Organisation
    partnership: Partnership
    membership: LearningCommunityMembership
    draft_dashboard: Dashboard
    published_dashboard: Dashboard
    advice: Advice
    measurement: KpiMeasurement
    expenditure: Expenditure


@pytest.fixture
def world(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    base = build_world()
    # A's own report exists too, so "not found" is never just "A has nothing".
    services.report_create(municipality=base.rotterdam, period=base.period, by=users["bob"], on=base.today)
    report = services.report_create(municipality=base.utrecht, period=base.period, by=users["carol"], on=base.today)
    report = services.report_save(
        report=report, by=users["carol"], revision=report.revision, add_files=[upload("utrecht.pdf", PDF_BYTES)]
    )
    alice, dave = users["alice"], users["dave"]
    intervention = base.utrecht_intervention
    evaluation = EvaluationFactory(intervention=intervention, report_file=upload("rapport.pdf", PDF_BYTES))
    published = dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=alice, notify=False)
    return World(
        today=timezone.localdate(),
        b_report=report,
        b_item=report.items.get(),
        b_attachment=report.attachments.get(),
        intervention=intervention,
        evaluation=evaluation,
        grant=Grant.objects.filter(municipality=base.utrecht).first(),
        organisation=intervention.owner,
        partnership=PartnershipFactory(),
        membership=LearningCommunityMembershipFactory(),
        draft_dashboard=DashboardFactory(year=2024, half=2),
        published_dashboard=published,
        advice=AdviceFactory(dashboard=published, author=dave),
        measurement=KpiMeasurement.objects.create(
            kpi=Kpi.objects.get(code="K12"), measured_on=datetime.date(2024, 5, 1), value=1
        ),
        expenditure=Expenditure.objects.create(
            programme=published.programme,
            amount=Decimal("100"),
            date=datetime.date(2024, 5, 1),
            source="Factuur",
        ),
    )


def _request(client, method: str, url: str, *, api: bool):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {}, content_type="application/json") if api else client.post(url, {})
    return client.generic(method, url, "{}", content_type="application/json")


def _matches(response, expected) -> bool:
    if expected is None:
        return response.status_code < 500
    if expected == permission_rules.LOGIN:
        return response.status_code == 302 and response["Location"].startswith(reverse("login"))
    return response.status_code == expected


def _describe(expected) -> str:
    return "302 to login" if expected == permission_rules.LOGIN else str(expected)


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_each_role_gets_the_expected_answer(route, client, users, world):
    rule = permission_rules.RULES.get(route.name)
    if rule is None:
        pytest.fail(f"Route {route.name} ({route.pattern}) has no rule in tests/permission_rules.py")
    kwargs = rule.kwargs(world) if rule.kwargs else {}
    url = reverse(route.name, kwargs=kwargs)
    missing_url = reverse(route.name, kwargs={k: MISSING_PK if isinstance(v, int) else v for k, v in kwargs.items()})
    failures = []
    for role, username in ROLE_USERS.items():
        client.logout()
        if username:
            client.force_login(users[username])
        for method, by_role in rule.expect.items():
            expected = by_role[role]
            response = _request(client, method, url, api=rule.api)
            if not _matches(response, expected):
                failures.append(
                    f"{role:15} {method:5} {url}: expected {_describe(expected)}, got {response.status_code}"
                )
            if rule.scoped and role == "municipality_a":
                # B's object and an object that does not exist are indistinguishable for A.
                absent = _request(client, method, missing_url, api=rule.api)
                if absent.status_code != response.status_code:
                    failures.append(
                        f"{role:15} {method:5} {missing_url}: {absent.status_code} for a missing object, "
                        f"but {response.status_code} for B's object"
                    )
    assert failures == [], f"{route.name} ({rule.kind}):\n" + "\n".join(failures)
