"""The permission rule of every route, checked by tests/test_permission_matrix.py.

The matrix test walks the whole URL configuration. Every named route must have a
rule in RULES below, or the test fails and names the route; a rule for a route that
no longer exists fails too. Routes in SKIPPED_NAMES / SKIPPED_NAMESPACES are the only
ones left out (Django admin, the language switch, the API schema and its viewers).

For every route the test signs in as each of six roles and checks the status code
of each method the rule names:

    anonymous       not signed in
    staff           alice, Programmastaf
    municipality_a  bob, Gemeente Rotterdam (GM0599): must never reach B's objects
    municipality_b  carol, Gemeente Utrecht (GM0344): owns the objects the URLs point at
    board           dave, Klankbordgroep
    no_role         eve, signed in without a role

ADDING A RULE. Pick the kind that describes the route and give it to RULES under the
route's full name ("namespace:name"):

    public() / public_page(kwargs)    everyone GETs 200
    public_api(kwargs)                everyone GETs 200, a POST is 405
    authenticated()                   any signed-in user GETs 200; anonymous -> login
    staff_only(...)                   staff 200; every other role 403; anonymous -> login
    municipality_only(...)            municipality users 200; other roles 403
    board_only(...) / roles_only(...) the same for other sets of roles
    municipality_scoped(kwargs, ...)  an object of municipality B: A gets 404 for every
                                      method, exactly as for an object that does not exist
    api_list(...) / api_scoped(...)   the same for API routes (anonymous -> 401)
    api_read(roles, ...)              a read-only API for some roles (GET 200, POST 405)

`kwargs` is a function of the test's `World` (see tests/test_permission_matrix.py)
returning the URL kwargs for an object that belongs to municipality B, e.g.
`lambda w: {"pk": w.b_report.pk}`. Add to World what a new route needs.

Each kind fills in the expected status per role and method; pass `get=`, `post=`,
`staff=`, `owner=`, `board=`... to change what differs. A status of None means
"not checked" (used only for what a valid submission does, which other tests cover);
even then the answer must not be a server error.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "staff", "municipality_a", "municipality_b", "board", "no_role")
SIGNED_IN = ROLES[1:]

SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"set_language", "api-schema", "api-docs", "api-redoc"}

LOGIN = "login"  # anonymous users of a non-public page are sent to the login page (302)
NOT_FOUND = 404
FORBIDDEN = 403
NOT_ALLOWED = 405
UNAUTHORIZED = 401


@dataclass(frozen=True)
class Rule:
    kind: str
    # Expected status per method, then per role (LOGIN means: a redirect to the login page).
    expect: dict[str, dict[str, int | str | None]]
    kwargs: Callable | None = None
    api: bool = False
    # Also try the URL with kwargs of an object that does not exist, and require that
    # municipality A gets exactly the same answer as for B's object.
    scoped: bool = False
    notes: str = field(default="", compare=False)


def _table(methods: dict[str, dict[str, int | str | None]]) -> dict:
    return {method: dict(by_role) for method, by_role in methods.items()}


def public(*, get: int = 200) -> Rule:
    return Rule("public", _table({"GET": dict.fromkeys(ROLES, get)}))


def authenticated(*, get: int = 200, kwargs=None) -> Rule:
    return Rule("authenticated", _table({"GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, get)}}), kwargs)


def roles_only(
    kind: str,
    allowed: tuple[str, ...],
    *,
    kwargs=None,
    get: int | None = 200,
    post: int | None = NOT_ALLOWED,
) -> Rule:
    """A page for some roles only: they get `get`/`post`, other signed-in roles 403, anonymous the login page."""

    def column(allowed_status):
        return {
            "anonymous": LOGIN,
            **{role: (allowed_status if role in allowed else FORBIDDEN) for role in SIGNED_IN},
        }

    return Rule(kind, _table({"GET": column(get), "POST": column(post)}), kwargs)


def staff_only(**options) -> Rule:
    return roles_only("staff-only", ("staff",), **options)


def municipality_only(**options) -> Rule:
    return roles_only("municipality-only", ("municipality_a", "municipality_b"), **options)


def board_only(**options) -> Rule:
    return roles_only("board-only", ("board",), **options)


def municipality_scoped(
    kwargs: Callable,
    *,
    owner: dict[str, int | None],
    staff: dict[str, int | None],
    board: dict[str, int | None],
) -> Rule:
    """An object of municipality B. Its own users get `owner`; municipality A gets 404 for every
    method; staff and the board get what is given; a user without a role 403."""
    methods = set(owner) | set(staff) | set(board)
    expect = {
        method: {
            "anonymous": LOGIN,
            "staff": staff.get(method, NOT_ALLOWED),
            "municipality_a": NOT_FOUND,
            "municipality_b": owner.get(method, NOT_ALLOWED),
            "board": board.get(method, NOT_ALLOWED),
            "no_role": FORBIDDEN,
        }
        for method in sorted(methods)
    }
    return Rule("municipality-scoped", expect, kwargs, scoped=True)


# API: anonymous callers get 401 (with a WWW-Authenticate header), a user without a role 403.


def api_list(*, get: dict[str, int | None], post: dict[str, int | None], patch: dict[str, int | None]) -> Rule:
    expect = {}
    for method, by_role in (("GET", get), ("POST", post), ("PATCH", patch)):
        expect[method] = {"anonymous": UNAUTHORIZED, "no_role": FORBIDDEN, **by_role}
    return Rule("api-list", expect, api=True)


def api_scoped(
    kwargs: Callable,
    *,
    owner: dict[str, int | None],
    staff: dict[str, int | None],
    board: dict[str, int | None],
) -> Rule:
    methods = set(owner) | set(staff) | set(board)
    expect = {
        method: {
            "anonymous": UNAUTHORIZED,
            "staff": staff[method],
            "municipality_a": NOT_FOUND,
            "municipality_b": owner[method],
            "board": board[method],
            "no_role": FORBIDDEN,
        }
        for method in sorted(methods)
    }
    return Rule("api-scoped", expect, kwargs, api=True, scoped=True)


def api_read(allowed: tuple[str, ...], *, kwargs=None, anonymous: int = UNAUTHORIZED) -> Rule:
    """A read-only API for some roles: they GET 200 and POST 405; other roles 403.

    `anonymous` is 401 where the API offers token authentication first (reports, KPIs),
    403 where it answers with session authentication only (register, dashboards).
    """
    expect = {
        "GET": {"anonymous": anonymous, **{role: 200 if role in allowed else FORBIDDEN for role in SIGNED_IN}},
        "POST": {
            "anonymous": anonymous,
            **{role: NOT_ALLOWED if role in allowed else FORBIDDEN for role in SIGNED_IN},
        },
    }
    return Rule("api-read", expect, kwargs, api=True)


def public_api(*, kwargs=None) -> Rule:
    return Rule(
        "public-api", {"GET": dict.fromkeys(ROLES, 200), "POST": dict.fromkeys(ROLES, NOT_ALLOWED)}, kwargs, api=True
    )


def public_page(*, kwargs=None) -> Rule:
    return Rule("public", {"GET": dict.fromkeys(ROLES, 200)}, kwargs)


STAFF_AND_BOARD = ("staff", "board")


def _b_report(w) -> dict:
    return {"pk": w.b_report.pk}


def _b_item(w) -> dict:
    return {"report_pk": w.b_report.pk, "pk": w.b_item.pk}


# API writes are for municipality users only: staff and the board get 403 before any lookup.
_API_WRITE_REFUSED = FORBIDDEN

RULES: dict[str, Rule] = {
    # Foundation ----------------------------------------------------------------------
    "home": public(),
    "accessibility": public(),
    "login": Rule(
        "login",
        {"GET": {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}},
        notes="Signed-in users are sent on to their home page.",
    ),
    "logout": Rule(
        "logout",
        {"GET": dict.fromkeys(ROLES, NOT_ALLOWED), "POST": dict.fromkeys(ROLES, 302)},
        notes="Logging out is a POST; it redirects everyone.",
    ),
    # Reporting: pages ----------------------------------------------------------------
    "interventions:workspace": municipality_only(),
    "interventions:report_create": municipality_only(post=400),
    "interventions:report_overview": staff_only(),
    "interventions:report_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "interventions:sisa_summary": staff_only(),
    "interventions:sisa_export": staff_only(kwargs=lambda w: {"year": w.today.year, "fmt": "xlsx"}),
    "interventions:api_tokens": staff_only(post=400),
    "interventions:report_detail": municipality_scoped(
        _b_report,
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": NOT_ALLOWED},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},  # B's report is a draft: the board never sees drafts
    ),
    "interventions:report_edit": municipality_scoped(
        _b_report,
        owner={"GET": 200, "POST": 400},
        staff={"GET": FORBIDDEN, "POST": FORBIDDEN},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    "interventions:report_review": municipality_scoped(
        _b_report,
        owner={"GET": FORBIDDEN, "POST": FORBIDDEN},
        staff={"GET": 200, "POST": 400},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    "interventions:report_history": municipality_scoped(
        _b_report,
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": NOT_ALLOWED},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    "interventions:attachment_download": municipality_scoped(
        lambda w: {"pk": w.b_attachment.pk},
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": NOT_ALLOWED},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    # Reporting: API ------------------------------------------------------------------
    "api-report-list": api_list(
        get={"staff": 200, "municipality_a": 200, "municipality_b": 200, "board": 200},
        post={"staff": FORBIDDEN, "municipality_a": 400, "municipality_b": 400, "board": FORBIDDEN},
        patch={"staff": FORBIDDEN, "municipality_a": NOT_ALLOWED, "municipality_b": NOT_ALLOWED, "board": FORBIDDEN},
    ),
    "api-report-detail": api_scoped(
        _b_report,
        owner={"GET": 200, "PATCH": 400, "POST": NOT_ALLOWED},
        staff={"GET": 200, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
    ),
    "api-report-submit": api_scoped(
        _b_report,
        owner={"GET": NOT_ALLOWED, "POST": 400},  # B's report is empty: submitting it is refused
        staff={"GET": NOT_ALLOWED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "POST": _API_WRITE_REFUSED},
    ),
    "api-report-item-list": api_scoped(
        lambda w: {"report_pk": w.b_report.pk},
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "POST": _API_WRITE_REFUSED},
    ),
    "api-report-item-detail": api_scoped(
        _b_item,
        owner={"GET": 200, "PATCH": 400, "POST": NOT_ALLOWED},
        staff={"GET": 200, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
    ),
    # Register: pages (an empty form sent is a 400 with its messages) -------------------
    "interventions:register": staff_only(),
    "interventions:intervention_list": staff_only(),
    "interventions:intervention_create": staff_only(post=400),
    "interventions:intervention_detail": staff_only(kwargs=lambda w: {"pk": w.intervention.pk}),
    "interventions:intervention_edit": staff_only(kwargs=lambda w: {"pk": w.intervention.pk}, post=400),
    "interventions:evaluation_list": staff_only(),
    "interventions:evaluation_create": staff_only(post=400),
    "interventions:evaluation_detail": staff_only(kwargs=lambda w: {"pk": w.evaluation.pk}),
    "interventions:evaluation_edit": staff_only(kwargs=lambda w: {"pk": w.evaluation.pk}, post=400),
    "municipalities:municipality_list": staff_only(),
    "municipalities:municipality_detail": staff_only(kwargs=lambda w: {"cbs_code": "GM0344"}),
    "municipalities:grant_list": staff_only(),
    "municipalities:grant_create": staff_only(post=400),
    "municipalities:grant_detail": staff_only(kwargs=lambda w: {"pk": w.grant.pk}),
    "municipalities:grant_edit": staff_only(kwargs=lambda w: {"pk": w.grant.pk}, post=400),
    "municipalities:organisation_list": staff_only(),
    "municipalities:organisation_create": staff_only(post=400),
    "municipalities:organisation_detail": staff_only(kwargs=lambda w: {"pk": w.organisation.pk}),
    "municipalities:organisation_edit": staff_only(kwargs=lambda w: {"pk": w.organisation.pk}, post=400),
    "municipalities:partnership_list": staff_only(),
    "municipalities:partnership_create": staff_only(post=400),
    "municipalities:partnership_detail": staff_only(kwargs=lambda w: {"pk": w.partnership.pk}),
    "municipalities:partnership_edit": staff_only(kwargs=lambda w: {"pk": w.partnership.pk}, post=400),
    "municipalities:membership_list": staff_only(),
    "municipalities:membership_create": staff_only(post=400),
    "municipalities:membership_detail": staff_only(kwargs=lambda w: {"pk": w.membership.pk}),
    "municipalities:membership_edit": staff_only(kwargs=lambda w: {"pk": w.membership.pk}, post=400),
    # Register: API -----------------------------------------------------------------
    "interventions:api-intervention-list": api_read(("staff",), anonymous=FORBIDDEN),
    "interventions:api-intervention-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.intervention.pk}, anonymous=FORBIDDEN
    ),
    "interventions:api-evaluation-list": api_read(("staff",), anonymous=FORBIDDEN),
    "interventions:api-evaluation-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.evaluation.pk}, anonymous=FORBIDDEN
    ),
    "municipalities:api-municipality-list": api_read(("staff",), anonymous=FORBIDDEN),
    "municipalities:api-municipality-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.b_report.municipality_id}, anonymous=FORBIDDEN
    ),
    "municipalities:api-grant-list": api_read(("staff",), anonymous=FORBIDDEN),
    "municipalities:api-grant-detail": api_read(("staff",), kwargs=lambda w: {"pk": w.grant.pk}, anonymous=FORBIDDEN),
    "municipalities:api-organisation-list": api_read(("staff",), anonymous=FORBIDDEN),
    "municipalities:api-organisation-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.organisation.pk}, anonymous=FORBIDDEN
    ),
    "municipalities:api-partnership-list": api_read(("staff",), anonymous=FORBIDDEN),
    "municipalities:api-partnership-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.partnership.pk}, anonymous=FORBIDDEN
    ),
    "municipalities:api-membership-list": api_read(("staff",), anonymous=FORBIDDEN),
    "municipalities:api-membership-detail": api_read(
        ("staff",), kwargs=lambda w: {"pk": w.membership.pk}, anonymous=FORBIDDEN
    ),
    # Public catalogue (no login) -----------------------------------------------------
    "interventions:catalogue": public(),
    "interventions:catalogue_detail": public_page(kwargs=lambda w: {"slug": w.intervention.slug}),
    "interventions:evaluation_report": public_page(
        kwargs=lambda w: {"slug": w.intervention.slug, "pk": w.evaluation.pk}
    ),
    "interventions:api-catalogue-list": public_api(),
    "interventions:api-catalogue-detail": public_api(kwargs=lambda w: {"slug": w.intervention.slug}),
    # KPIs, budget and map: staff only ---------------------------------------------------
    "analysis:kpis": staff_only(),
    "analysis:kpi_export": staff_only(kwargs=lambda w: {"fmt": "xlsx"}),
    "analysis:kpi_detail": staff_only(kwargs=lambda w: {"code": "K12"}),
    "analysis:kpi_measurement_create": staff_only(kwargs=lambda w: {"code": "K12"}, post=400),
    "analysis:kpi_measurement_edit": staff_only(kwargs=lambda w: {"code": "K12", "pk": w.measurement.pk}, post=400),
    "analysis:budget": staff_only(),
    "analysis:expenditure_create": staff_only(post=400),
    "analysis:expenditure_detail": staff_only(kwargs=lambda w: {"pk": w.expenditure.pk}),
    "analysis:expenditure_edit": staff_only(kwargs=lambda w: {"pk": w.expenditure.pk}, post=400),
    "analysis:map": staff_only(),
    "analysis:api-kpi-list": api_read(("staff",)),
    "analysis:api-kpi-detail": api_read(("staff",), kwargs=lambda w: {"code": "K12"}),
    "analysis:api-kpi-members": api_read(("staff",), kwargs=lambda w: {"code": "K12"}),
    "analysis:api-budget": api_read(("staff",)),
    "analysis:api-expenditure-list": api_read(("staff",)),
    "analysis:api-expenditure-detail": api_read(("staff",), kwargs=lambda w: {"pk": w.expenditure.pk}),
    # Dashboards and advice: staff and the board. What a submitted form does is covered
    # by their own tests (post=None: not checked, but never a server error). ---------------
    "analysis:dashboard_list": roles_only("staff-and-board", STAFF_AND_BOARD, post=None),
    "analysis:dashboard_compare": roles_only("staff-and-board", STAFF_AND_BOARD, post=None),
    "analysis:dashboard_detail": roles_only(
        "staff-and-board", STAFF_AND_BOARD, kwargs=lambda w: {"pk": w.published_dashboard.pk}, post=None
    ),
    "analysis:dashboard_create": staff_only(post=None),
    "analysis:dashboard_edit": staff_only(kwargs=lambda w: {"pk": w.draft_dashboard.pk}, post=None),
    "analysis:dashboard_publish": staff_only(kwargs=lambda w: {"pk": w.draft_dashboard.pk}, post=None),
    "analysis:dashboard_correct": staff_only(kwargs=lambda w: {"pk": w.published_dashboard.pk}, post=None),
    "analysis:dashboard_delete": staff_only(kwargs=lambda w: {"pk": w.draft_dashboard.pk}, post=None),
    "analysis:advice_list": roles_only("staff-and-board", STAFF_AND_BOARD, post=None),
    "analysis:advice_create": board_only(post=None),
    "analysis:advice_detail": roles_only(
        "staff-and-board", STAFF_AND_BOARD, kwargs=lambda w: {"pk": w.advice.pk}, post=None
    ),
    "analysis:advice_respond": Rule(
        "staff-post-only",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)},
            "POST": {"anonymous": LOGIN, **{role: None if role == "staff" else FORBIDDEN for role in SIGNED_IN}},
        },
        lambda w: {"pk": w.advice.pk},
        notes="A response is only ever posted, by staff.",
    ),
    "analysis:api-dashboard-list": api_read(STAFF_AND_BOARD, anonymous=FORBIDDEN),
    "analysis:api-dashboard-detail": api_read(
        STAFF_AND_BOARD, kwargs=lambda w: {"pk": w.published_dashboard.pk}, anonymous=FORBIDDEN
    ),
    "analysis:api-advice-list": api_read(STAFF_AND_BOARD, anonymous=FORBIDDEN),
    "analysis:api-advice-detail": api_read(STAFF_AND_BOARD, kwargs=lambda w: {"pk": w.advice.pk}, anonymous=FORBIDDEN),
}
