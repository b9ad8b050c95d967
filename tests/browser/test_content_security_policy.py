"""Every page of every role, in a real browser: nothing refused by the Content-Security-Policy, and no axe finding.

The pages come from two places:
- every route without arguments that tests/permission_rules.py says a role may GET (200), so a new page
  is visited as soon as it has its rule;
- PAGES below: pages of one object of the demo, per role. Add a page with an object here: the route's
  name and a function of the demo data (the dict `load_demo` returns) giving its URL arguments.
"""

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from interventions.models import Evaluation, Intervention, Report
from portal.demo import DEMO_PASSWORD, load_demo
from tests import permission_rules
from tests.browser.conftest import axe_violations, csp_violations, sign_in, watch_csp
from tests.permission_kinds import Rule

# The demo user of each role, and the column of the permission matrix that speaks for it.
USERS = {"anonymous": None, "staff": "staf", "municipality": "gemeente-utrecht", "board": "klankbord"}
MATRIX_COLUMN = {"anonymous": "anonymous", "staff": "staff", "municipality": "municipality_b", "board": "board"}

# Third-party viewers served as they come: checked for the policy, not for axe (their markup is not ours).
NOT_OURS = {"api-docs"}


def _utrecht_report(demo: dict) -> Report:
    return next(r for r in demo["reports"] if r.municipality.cbs_code == "GM0344")


def _intervention(demo: dict) -> Intervention:
    return demo["interventions"][0]


def _public_intervention(demo: dict) -> Intervention:
    return Intervention.objects.filter(is_public=True).order_by("pk").first()


def _evaluation(demo: dict) -> Evaluation:
    return demo["evaluations"][0]


def _published_dashboard(demo: dict):
    return next(d for d in demo["dashboards"] if d.published_at)


def _analysis(demo: dict):
    return demo["annual_analysis_2025"]


PageArgs = Callable[[dict], dict]
PAGES: dict[str, list[tuple[str, PageArgs]]] = {
    "anonymous": [
        ("interventions:catalogue_detail", lambda d: {"slug": _public_intervention(d).slug}),
        ("analysis:analysis_read", lambda d: {"pk": _analysis(d).pk}),
    ],
    "staff": [
        ("interventions:report_detail", lambda d: {"pk": _utrecht_report(d).pk}),
        ("interventions:report_review", lambda d: {"pk": _utrecht_report(d).pk}),
        ("interventions:report_history", lambda d: {"pk": _utrecht_report(d).pk}),
        ("interventions:intervention_detail", lambda d: {"pk": _intervention(d).pk}),
        ("interventions:intervention_edit", lambda d: {"pk": _intervention(d).pk}),
        ("interventions:evaluation_detail", lambda d: {"pk": _evaluation(d).pk}),
        ("interventions:catalogue_detail", lambda d: {"slug": _public_intervention(d).slug}),
        ("analysis:dashboard_detail", lambda d: {"pk": _published_dashboard(d).pk}),
        ("analysis:analysis_detail", lambda d: {"pk": _analysis(d).pk}),
        ("analysis:analysis_texts", lambda d: {"pk": _analysis(d).pk}),
        ("analysis:analysis_read", lambda d: {"pk": _analysis(d).pk}),
        ("analysis:advice_detail", lambda d: {"pk": d["advice"][0].pk}),
        ("analysis:kpi_detail", lambda d: {"code": "K01"}),
    ],
    "municipality": [
        ("interventions:report_detail", lambda d: {"pk": _utrecht_report(d).pk}),
        ("interventions:report_history", lambda d: {"pk": _utrecht_report(d).pk}),
        ("interventions:catalogue_detail", lambda d: {"slug": _public_intervention(d).slug}),
    ],
    "board": [
        ("analysis:dashboard_detail", lambda d: {"pk": _published_dashboard(d).pk}),
        ("analysis:analysis_read", lambda d: {"pk": _analysis(d).pk}),
        ("analysis:advice_detail", lambda d: {"pk": d["advice"][0].pk}),
    ],
}


def _rules(name: str) -> tuple[Rule, ...]:
    rule = permission_rules.RULES[name]
    return rule if isinstance(rule, tuple) else (rule,)


def pages_without_arguments(role: str) -> list[tuple[str, str]]:
    """(route name, URL) of every route without arguments the role may GET, by the permission rules."""
    column = MATRIX_COLUMN[role]
    found = []
    for name in sorted(permission_rules.RULES):
        for rule in _rules(name):
            if rule.kwargs is None and not rule.api and rule.expect.get("GET", {}).get(column) == 200:
                found.append((name, reverse(name)))
                break
    return found


def pages(role: str, demo: dict) -> list[tuple[str, str]]:
    return pages_without_arguments(role) + [(name, reverse(name, kwargs=args(demo))) for name, args in PAGES[role]]


@pytest.fixture
def demo_data():
    return load_demo(annual_analysis=True)


@pytest.mark.parametrize("role", list(USERS))
def test_no_page_breaks_the_content_security_policy_or_axe(page, demo_data, role):
    console = watch_csp(page)
    if USERS[role]:
        sign_in(page, USERS[role], DEMO_PASSWORD)
    findings: dict[str, object] = {}
    visited = 0
    for name, url in pages(role, demo_data):
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file (CSV, PDF...), not a page
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited += 1
        refused = csp_violations(page, console)
        wcag = [] if name in NOT_OURS else axe_violations(page)
        if response.status != 200 or refused or wcag:
            findings[f"{name} {url}"] = {"status": response.status, "csp": refused, "axe": wcag}
    assert visited >= len(PAGES[role])
    assert findings == {}


def test_the_watch_sees_what_the_policy_refuses(page):
    console = watch_csp(page)
    page.goto("/toegankelijkheid")
    assert csp_violations(page, console) == []

    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    page.wait_for_function("window.__cspViolations.length > 0")

    assert any("style-src" in violation for violation in csp_violations(page, console))


@pytest.mark.parametrize(("name", "ready"), [("api-docs", ".swagger-ui .info")])
def test_the_api_viewers_show_the_api_within_the_policy(page, users, name, ready):
    users["alice"].set_password(DEMO_PASSWORD)
    users["alice"].save()
    console = watch_csp(page)
    sign_in(page, "alice", DEMO_PASSWORD)

    page.goto(reverse(name))
    page.wait_for_selector(ready)
    assert csp_violations(page, console) == []
