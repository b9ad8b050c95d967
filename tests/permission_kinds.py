"""The kinds of permission rule, and how to add a rule to tests/permission_rules.py.

The rules themselves, one per route, are in tests/permission_rules.py.

The matrix test walks the whole URL configuration. Every named route must have a
rule in RULES below, or the test fails and names the route; a rule for a route that
no longer exists fails too. Routes in SKIPPED_NAMES / SKIPPED_NAMESPACES are the only
ones left out (Django admin and the language switch).

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

    public()                          everyone GETs 200 (api=True: an API route, PATCH too)
    staff_preview(kwargs)             a public page of something not (yet) public: staff
                                      200, everyone else 404 as if it did not exist
    board_preview(kwargs)             the same for a draft the board reads too (staff and
                                      board 200)
    authenticated()                   any signed-in user GETs 200; anonymous -> login
    staff_only(...)                   staff 200; every other role 403; anonymous -> login
    municipality_only(...)            municipality users 200; other roles 403
    board_only(...) / roles_only(...) the same for other sets of roles
    staff_and_board(...)              the board's dashboards and advice: staff and the board
                                      get what is given, municipality users and no_role 403
    municipality_scoped(kwargs, ...)  an object of municipality B: A gets 404 for every
                                      method, exactly as for an object that does not exist
    api_list(...) / api_scoped(...)   the same for API routes (anonymous -> 401)
    api_roles_only(...) / api_staff_only(...)
                                      an API for some roles only: they GET 200 (POST and
                                      PATCH 405), other roles 403, anonymous 401

`kwargs` is a function of the test's `World` (see tests/test_permission_matrix.py)
returning the URL kwargs for an object that belongs to municipality B, e.g.
`lambda w: {"pk": w.b_report.pk}`. Add to World what a new route needs.

SCOPED OBJECTS. `scoped` names the roles that must not be able to tell this object from
one that does not exist: the test also requests the URL with the kwargs of a missing
object (integers replaced by a pk that does not exist, or `missing(world)` when given)
and requires the same status for those roles. The municipality kinds scope A. Pages for
staff only refuse A before any lookup, so A's 403 for B's grant is the same as for a
missing grant; give such rules `scoped=FROM_A` all the same, so the day a municipality
user is let in, the rule fails unless A gets the same answer for B's object as for none.
Drafts are scoped for the board too: a draft dashboard is a 404, like a missing one.

SEVERAL CASES. A route whose answer depends on the object (a draft or a published
dashboard, a public or a hidden intervention) gets a tuple of rules, one per object;
`notes` says which is which.

Each kind fills in the expected status per role and method; pass `get=`, `post=`,
`staff=`, `owner=`, `board=`... to change what differs. A status of None means
"not checked" (used only for what a valid submission does, which other tests cover);
even then the answer must not be a server error. The test posts an empty form: pages
with a form answer it with 400, with the form again (200) or a redirect, never 500.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "staff", "municipality_a", "municipality_b", "board", "no_role")
SIGNED_IN = ROLES[1:]

SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"set_language"}

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
    # these roles get exactly the same answer as for the object of the kwargs.
    scoped: tuple[str, ...] = ()
    # The kwargs of an object that does not exist, when replacing integers is not enough.
    missing: Callable | None = None
    notes: str = field(default="", compare=False)


def _table(methods: dict[str, dict[str, int | str | None]]) -> dict:
    return {method: dict(by_role) for method, by_role in methods.items()}


# Roles that must not tell an object of municipality B from one that does not exist.
FROM_A = ("municipality_a",)
# The same, and the board for a draft it may not see.
FROM_A_AND_BOARD = ("municipality_a", "board")


def public(
    *,
    kwargs=None,
    get: int = 200,
    post: int | None = None,
    api: bool = False,
    scoped: tuple[str, ...] = (),
    missing=None,
    notes: str = "",
) -> Rule:
    """Everyone, signed in or not, gets `get`; and `post` when given (an API route: for PATCH too)."""
    methods = {"GET": dict.fromkeys(ROLES, get)}
    if post is not None:
        methods["POST"] = dict.fromkeys(ROLES, post)
        if api:
            methods["PATCH"] = dict.fromkeys(ROLES, post)
    return Rule("public", _table(methods), kwargs, api=api, scoped=scoped, missing=missing, notes=notes)


def staff_preview(kwargs: Callable, *, missing=None, notes: str = "") -> Rule:
    """A page of the public site about something that is not public: staff see it (a preview), anyone else
    gets 404 as for something that does not exist. A POST is 405 for everyone."""
    return Rule(
        "staff-preview",
        _table(
            {
                "GET": {**dict.fromkeys(ROLES, NOT_FOUND), "staff": 200},
                "POST": dict.fromkeys(ROLES, NOT_ALLOWED),
            }
        ),
        kwargs,
        scoped=("anonymous", "municipality_a", "municipality_b", "board", "no_role"),
        missing=missing,
        notes=notes,
    )


def board_preview(kwargs: Callable, *, missing=None, notes: str = "") -> Rule:
    """A public page of a draft the board reads before it is published (the annual analysis): staff and the board
    see it, anyone else gets 404 as for something that does not exist. A POST is 405 for everyone."""
    return Rule(
        "board-preview",
        _table(
            {
                "GET": {**dict.fromkeys(ROLES, NOT_FOUND), "staff": 200, "board": 200},
                "POST": dict.fromkeys(ROLES, NOT_ALLOWED),
            }
        ),
        kwargs,
        scoped=("anonymous", "municipality_a", "municipality_b", "no_role"),
        missing=missing,
        notes=notes,
    )


def authenticated(*, get: int = 200, kwargs=None) -> Rule:
    return Rule("authenticated", _table({"GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, get)}}), kwargs)


def roles_only(
    kind: str,
    allowed: tuple[str, ...],
    *,
    kwargs=None,
    get: int | None = 200,
    post: int | None = NOT_ALLOWED,
    scoped: tuple[str, ...] = (),
    missing=None,
    notes: str = "",
) -> Rule:
    """A page for some roles only: they get `get`/`post`, other signed-in roles 403, anonymous the login page."""

    def column(allowed_status):
        return {
            "anonymous": LOGIN,
            **{role: (allowed_status if role in allowed else FORBIDDEN) for role in SIGNED_IN},
        }

    return Rule(
        kind, _table({"GET": column(get), "POST": column(post)}), kwargs, scoped=scoped, missing=missing, notes=notes
    )


def staff_only(**options) -> Rule:
    return roles_only("staff-only", ("staff",), **options)


def municipality_only(**options) -> Rule:
    return roles_only("municipality-only", ("municipality_a", "municipality_b"), **options)


def board_only(**options) -> Rule:
    return roles_only("board-only", ("board",), **options)


def staff_and_board(
    *,
    staff: dict[str, int | None],
    board: dict[str, int | None],
    kwargs=None,
    scoped: tuple[str, ...] = (),
    missing=None,
    notes: str = "",
) -> Rule:
    """The advisory board's dashboards and advice: staff and the board get what is given per method;
    municipality users and a user without a role 403 for every method; anonymous the login page."""
    expect = {
        method: {
            "anonymous": LOGIN,
            "staff": staff.get(method, NOT_ALLOWED),
            "municipality_a": FORBIDDEN,
            "municipality_b": FORBIDDEN,
            "board": board.get(method, NOT_ALLOWED),
            "no_role": FORBIDDEN,
        }
        for method in sorted(set(staff) | set(board))
    }
    return Rule("staff-and-board", expect, kwargs, scoped=scoped, missing=missing, notes=notes)


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
    return Rule("municipality-scoped", expect, kwargs, scoped=FROM_A)


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
    return Rule("api-scoped", expect, kwargs, api=True, scoped=FROM_A)


def api_roles_only(
    kind: str,
    allowed: tuple[str, ...],
    *,
    kwargs=None,
    get: int | None = 200,
    scoped: tuple[str, ...] = (),
    notes: str = "",
) -> Rule:
    """A read-only API for some roles: they GET `get`, and POST and PATCH are 405; other roles 403 for every
    method (refused before any lookup); anonymous callers 401."""

    def column(allowed_status):
        return {
            "anonymous": UNAUTHORIZED,
            **{role: (allowed_status if role in allowed else FORBIDDEN) for role in SIGNED_IN},
        }

    expect = {"GET": column(get), "POST": column(NOT_ALLOWED), "PATCH": column(NOT_ALLOWED)}
    return Rule(kind, expect, kwargs, api=True, scoped=scoped, notes=notes)


def api_staff_only(**options) -> Rule:
    return api_roles_only("api-staff-only", ("staff",), **options)
