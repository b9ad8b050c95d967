"""The permission rule of every route, checked by tests/test_permission_matrix.py.

How the rules work, and which kind to pick for a new route: tests/permission_kinds.py.
"""

from collections.abc import Callable

from tests import permission_rules_programmes as programmes
from tests.permission_kinds import (
    FORBIDDEN,
    FROM_A,
    FROM_A_AND_BOARD,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    ROLES,
    SIGNED_IN,
    Rule,
    api_list,
    api_roles_only,
    api_scoped,
    api_staff_only,
    authenticated,
    board_only,
    board_preview,
    municipality_only,
    municipality_scoped,
    public,
    roles_only,
    staff_and_board,
    staff_only,
    staff_preview,
)


def _b_report(w) -> dict:
    return {"pk": w.b_report.pk}


def _b_item(w) -> dict:
    return {"report_pk": w.b_report.pk, "pk": w.b_item.pk}


# API writes are for municipality users only: staff and the board get 403 before any lookup.
_API_WRITE_REFUSED = FORBIDDEN


def _pk(attribute: str) -> Callable:
    """URL kwargs {"pk": ...} of the World object named `attribute`."""
    return lambda w: {"pk": getattr(w, attribute).pk}


def _b_municipality(w) -> dict:
    return {"cbs_code": w.b_municipality.cbs_code}


def _b_intervention_slug(w) -> dict:
    return {"slug": w.b_intervention.slug}


def _hidden_intervention_slug(w) -> dict:
    return {"slug": w.hidden_intervention.slug}


def _principle_text(w) -> dict:
    from agenda.models import GuidingPrinciple

    return {"kind": "uitgangspunt", "pk": GuidingPrinciple.objects.order_by("pk").first().pk}


def _missing_slug(w) -> dict:
    return {"slug": "bestaat-niet"}


# Register pages: programme staff keep the register; everyone else is refused before any lookup.
# An empty POST to a register form shows the form again (200); a filled-in one is tested elsewhere.


def _register_form(kwargs=None) -> Rule:
    return staff_only(kwargs=kwargs, post=200, scoped=FROM_A if kwargs else ())


def _register_object(kwargs, **options) -> Rule:
    return staff_only(kwargs=kwargs, scoped=FROM_A, **options)


_READ = {"GET": 200, "POST": NOT_ALLOWED}


def _records(prefix: str, attribute: str) -> dict[str, Rule]:
    """The list, detail, create and edit pages of one kind of programme record."""
    return {
        f"{prefix}_list": staff_and_board(staff=_READ, board=_READ),
        f"{prefix}_detail": staff_and_board(kwargs=_pk(attribute), staff=_READ, board=_READ, scoped=FROM_A),
        f"{prefix}_create": _register_form(),
        f"{prefix}_edit": _register_form(_pk(attribute)),
    }


_AREA_KEEPERS = ("staff", "municipality_a", "municipality_b")
_DRAFT = "the draft dashboard"
_PUBLISHED = "the published dashboard"

RULES: dict[str, Rule | tuple[Rule, ...]] = {
    # Foundation ----------------------------------------------------------------------
    "home": public(),
    "accessibility": public(),
    # Health for monitors and orchestrators: public JSON, read-only.
    "healthz": public(api=True, post=NOT_ALLOWED),
    "readyz": public(api=True, post=NOT_ALLOWED),
    # The API schema and its viewers: signed-in users (API_DOCS_PUBLIC=true opens them to anyone).
    "api-schema": api_roles_only("api-signed-in", SIGNED_IN),
    "api-docs": authenticated(),
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
    # Signing in: the second factor, the account's own settings, passwords, lockouts ---------
    "second_factor": Rule(
        "second-factor",
        {m: {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 302)} for m in ("GET", "POST")},
        notes="The code step after the password; a session that passed it is sent on.",
    ),
    "second_factor_setup": Rule(
        "authenticated",
        {m: {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200)} for m in ("GET", "POST")},
        notes="Setting up an authenticator: anyone signed in, for their own account only.",
    ),
    "account": Rule(
        "authenticated",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200)},
            "POST": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 302)},
        },
        notes="One's own password and second factor.",
    ),
    # Notifications: each user's own, whatever their role -----------------------------------
    "notification_list": authenticated(),
    "notification_preferences": Rule(
        "authenticated",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200)},
            "POST": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 400), "no_role": 302},
        },
        notes="One's own choices per kind; an empty form misses a choice (400), except for a user without a role, "
        "who has no kinds to choose for.",
    ),
    "notification_read_all": Rule(
        "authenticated",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)},
            "POST": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 302)},
        },
        notes="Marks one's own notifications read.",
    ),
    "notification_open": Rule(
        "own-notification",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "municipality_b": 302},
            "POST": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "municipality_b": NOT_ALLOWED},
        },
        _pk("b_notification"),
        scoped=("staff", "municipality_a", "board", "no_role"),
        notes="Carol's notification: she is sent on to what it is about; for anyone else it does not exist.",
    ),
    "notification_read": Rule(
        "own-notification",
        {
            "GET": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "municipality_b": NOT_ALLOWED},
            "POST": {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_FOUND), "municipality_b": 302},
        },
        _pk("b_notification"),
        scoped=("staff", "municipality_a", "board", "no_role"),
        notes="Marking carol's notification read: hers only; for anyone else it does not exist.",
    ),
    "lockouts": staff_only(),
    "lockout_release": staff_only(
        kwargs=lambda w: {"pk": 987654},
        get=NOT_ALLOWED,
        post=NOT_FOUND,
        scoped=FROM_A,
        notes="Unlocking is a POST by staff; a lock that does not exist (or expired) is a 404.",
    ),
    "password_change": Rule(
        "authenticated",
        {m: {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200)} for m in ("GET", "POST")},
        notes="An empty form comes back with its errors.",
    ),
    "password_change_done": authenticated(),
    "password_reset": public(post=200),
    "password_reset_done": public(),
    "password_reset_confirm": public(
        kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
        post=200,
        notes="A link that is not valid shows the page that says so, to everyone.",
    ),
    "password_reset_complete": public(),
    "agenda:programme_choose": staff_and_board(
        staff={"GET": NOT_ALLOWED, "POST": 302},
        board={"GET": NOT_ALLOWED, "POST": 302},
        notes="The header's programme switcher: a POST that remembers the choice and goes back to the page.",
    ),
    # Reporting: pages ----------------------------------------------------------------
    "interventions:workspace": municipality_only(),
    "interventions:report_create": municipality_only(post=400),
    "interventions:report_overview": staff_only(),
    "interventions:report_check_settings": staff_only(post=302),
    # Needs-driven working: staff answer the needs sent with reports; the board reads a summary.
    "interventions:need_list": staff_only(),
    "interventions:need_answer": staff_only(kwargs=_pk("b_needs_report"), post=400, scoped=FROM_A),
    "interventions:need_summary": staff_and_board(staff=_READ, board=_READ),
    "interventions:report_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "interventions:sisa_summary": staff_only(),
    "interventions:sisa_export": staff_only(kwargs=lambda w: {"year": w.today.year, "fmt": "xlsx"}),
    # The report items at item level: staff get every report's, a municipality its own (the selector scopes
    # the rows; tests/interventions/test_item_export.py checks that B's rows never reach A).
    "interventions:report_item_export": roles_only(
        "staff-and-municipality", ("staff", "municipality_a", "municipality_b"), kwargs=lambda w: {"fmt": "csv"}
    ),
    # Staff see which API keys exist; nobody makes a key for someone else (POST is refused).
    "interventions:api_tokens": staff_only(),
    "interventions:my_api_tokens": municipality_only(post=400),
    "interventions:my_api_token_revoke": municipality_scoped(
        _pk("b_token"),
        owner={"GET": NOT_ALLOWED, "POST": 302},
        staff={"GET": FORBIDDEN, "POST": FORBIDDEN},
        board={"GET": FORBIDDEN, "POST": FORBIDDEN},
    ),
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
    "interventions:report_autosave": municipality_scoped(
        _b_report,
        owner={"GET": NOT_ALLOWED, "POST": 400},
        staff={"GET": FORBIDDEN, "POST": FORBIDDEN},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    "interventions:report_submit": municipality_scoped(
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
    # The comment thread: staff comment, the municipality replies on its own report; the board only reads.
    # An empty comment comes back with its error.
    "interventions:report_comment": municipality_scoped(
        _b_report,
        owner={"GET": 200, "POST": 400},
        staff={"GET": 200, "POST": 400},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    "interventions:attachment_download": municipality_scoped(
        lambda w: {"pk": w.b_attachment.pk},
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": NOT_ALLOWED},
        board={"GET": NOT_FOUND, "POST": NOT_FOUND},
    ),
    # Reporting: API ------------------------------------------------------------------
    "interventions_api:report-list": api_list(
        get={"staff": 200, "municipality_a": 200, "municipality_b": 200, "board": 200},
        post={"staff": FORBIDDEN, "municipality_a": 400, "municipality_b": 400, "board": FORBIDDEN},
        patch={"staff": FORBIDDEN, "municipality_a": NOT_ALLOWED, "municipality_b": NOT_ALLOWED, "board": FORBIDDEN},
    ),
    "interventions_api:report-detail": api_scoped(
        _b_report,
        owner={"GET": 200, "PATCH": 400, "POST": NOT_ALLOWED},
        staff={"GET": 200, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
    ),
    "interventions_api:report-submit": api_scoped(
        _b_report,
        owner={"GET": NOT_ALLOWED, "POST": 400},  # B's report is empty: submitting it is refused
        staff={"GET": NOT_ALLOWED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "POST": _API_WRITE_REFUSED},
    ),
    "interventions_api:report-item-list": api_scoped(
        lambda w: {"report_pk": w.b_report.pk},
        owner={"GET": 200, "POST": NOT_ALLOWED},
        staff={"GET": 200, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "POST": _API_WRITE_REFUSED},
    ),
    "interventions_api:report-item-detail": api_scoped(
        _b_item,
        owner={"GET": 200, "PATCH": 400, "POST": NOT_ALLOWED},
        staff={"GET": 200, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
        board={"GET": NOT_FOUND, "PATCH": _API_WRITE_REFUSED, "POST": _API_WRITE_REFUSED},
    ),
    # Register: pages (staff only; municipality users see their grant in their workspace) ------
    "register": staff_only(),
    "security_log": staff_only(),
    "change_log": staff_only(),
    "interventions:intervention_list": staff_only(),
    "interventions:intervention_export": staff_only(kwargs=lambda w: {"fmt": "xlsx"}),
    "interventions:intervention_create": _register_form(),
    "interventions:intervention_detail": _register_object(_pk("b_intervention")),
    "interventions:intervention_edit": _register_form(_pk("b_intervention")),
    "interventions:evaluation_list": staff_only(),
    "interventions:evaluation_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "interventions:evaluation_create": _register_form(),
    "interventions:evaluation_detail": _register_object(_pk("b_evaluation")),
    "interventions:evaluation_edit": _register_form(_pk("b_evaluation")),
    "municipalities:municipality_list": staff_only(),
    "municipalities:municipality_detail": _register_object(_b_municipality, missing=lambda w: {"cbs_code": "GM9999"}),
    # Consent to show lessons by name: staff for any municipality, a municipality user for their own.
    "municipalities:municipality_lesson_consent": staff_only(
        kwargs=_b_municipality, post=302, scoped=FROM_A, missing=lambda w: {"cbs_code": "GM9999"}
    ),
    "municipalities:own_lesson_consent": municipality_only(post=302),
    "municipalities:grant_list": staff_only(),
    "municipalities:grant_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "municipalities:grant_create": _register_form(),
    "municipalities:grant_detail": _register_object(_pk("b_grant")),
    "municipalities:grant_edit": _register_form(_pk("b_grant")),
    "municipalities:organisation_list": staff_only(),
    "municipalities:organisation_export": staff_only(kwargs=lambda w: {"fmt": "xlsx"}),
    "municipalities:organisation_create": _register_form(),
    "municipalities:organisation_detail": _register_object(_pk("b_organisation")),
    "municipalities:organisation_edit": _register_form(_pk("b_organisation")),
    "municipalities:partnership_list": staff_only(),
    "municipalities:partnership_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "municipalities:partnership_create": _register_form(),
    "municipalities:partnership_detail": _register_object(_pk("b_partnership")),
    "municipalities:partnership_edit": _register_form(_pk("b_partnership")),
    "municipalities:membership_list": staff_only(),
    "municipalities:membership_create": _register_form(),
    "municipalities:membership_detail": _register_object(_pk("b_membership")),
    "municipalities:membership_edit": _register_form(_pk("b_membership")),
    # The programme's records: staff keep them, the board reads them, municipalities see none ----------
    "agenda:records_index": staff_and_board(staff=_READ, board=_READ),
    **_records("agenda:event", "board_meeting"),
    **_records("agenda:research", "research_result"),
    "agenda:research_file": staff_and_board(kwargs=_pk("research_result"), staff=_READ, board=_READ, scoped=FROM_A),
    **_records("agenda:inventory", "policy_inventory"),
    **_records("agenda:board_member", "board_membership"),
    **_records("municipalities:participation", "participation"),
    # An empty form says no dashboard was presented: it is saved, and the browser goes to the meeting.
    "analysis:meeting_dashboards": staff_only(kwargs=_pk("board_meeting"), post=302, scoped=FROM_A),
    # Area-based working: a municipality keeps its own areas, staff those of all -------
    "municipalities:focus_area_list": roles_only("staff-and-municipalities", _AREA_KEEPERS),
    "municipalities:focus_area_create": roles_only("staff-and-municipalities", _AREA_KEEPERS, post=400),
    "municipalities:focus_area_edit": municipality_scoped(
        _pk("b_area"),
        owner={"GET": 200, "POST": 400},
        staff={"GET": 200, "POST": 400},
        board={"GET": FORBIDDEN, "POST": FORBIDDEN},
    ),
    # Register: read API (staff only) -------------------------------------------------
    "interventions_api:intervention-list": api_staff_only(),
    "interventions_api:intervention-detail": api_staff_only(kwargs=_pk("b_intervention"), scoped=FROM_A),
    "interventions_api:evaluation-list": api_staff_only(),
    "interventions_api:evaluation-detail": api_staff_only(kwargs=_pk("b_evaluation"), scoped=FROM_A),
    "municipalities_api:municipality-list": api_staff_only(),
    "municipalities_api:municipality-detail": api_staff_only(kwargs=_pk("b_municipality"), scoped=FROM_A),
    "municipalities_api:grant-list": api_staff_only(),
    "municipalities_api:grant-detail": api_staff_only(kwargs=_pk("b_grant"), scoped=FROM_A),
    "municipalities_api:organisation-list": api_staff_only(),
    "municipalities_api:organisation-detail": api_staff_only(kwargs=_pk("b_organisation"), scoped=FROM_A),
    "municipalities_api:partnership-list": api_staff_only(),
    "municipalities_api:partnership-detail": api_staff_only(kwargs=_pk("b_partnership"), scoped=FROM_A),
    "municipalities_api:membership-list": api_staff_only(),
    "municipalities_api:membership-detail": api_staff_only(kwargs=_pk("b_membership"), scoped=FROM_A),
    # The programme's public pages, no login; staff edit the words --------------------
    "agenda:programme_public": public(post=NOT_ALLOWED),
    "agenda:factors_public": public(post=NOT_ALLOWED),
    "agenda:text_edit": staff_only(kwargs=_principle_text, post=400, scoped=FROM_A),
    "agenda:related_programme_create": staff_only(kwargs=lambda w: {"code": "agenda-2023-2025"}, post=400),
    # Public catalogue: pages and API, no login ---------------------------------------
    "interventions:catalogue": public(post=NOT_ALLOWED),
    "interventions:catalogue_detail": (
        public(kwargs=_b_intervention_slug, post=NOT_ALLOWED, notes="a public intervention"),
        staff_preview(
            _hidden_intervention_slug,
            missing=_missing_slug,
            notes="an intervention that is not public",
        ),
    ),
    "interventions:evaluation_report": (
        public(
            kwargs=lambda w: {"slug": w.b_intervention.slug, "pk": w.b_evaluation.pk},
            post=NOT_ALLOWED,
            notes="a public evaluation of a public intervention",
        ),
        staff_preview(
            lambda w: {"slug": w.hidden_intervention.slug, "pk": w.hidden_evaluation.pk},
            notes="an evaluation of an intervention that is not public",
        ),
    ),
    # The catalogue API takes no credentials at all: signed-in callers are anonymous to it.
    "interventions_api:catalogue-list": public(api=True, post=NOT_ALLOWED),
    "interventions_api:catalogue-detail": (
        public(api=True, kwargs=_b_intervention_slug, post=NOT_ALLOWED, notes="a public intervention"),
        public(
            api=True,
            kwargs=_hidden_intervention_slug,
            get=NOT_FOUND,
            post=NOT_ALLOWED,
            scoped=ROLES,
            missing=_missing_slug,
            notes="an intervention that is not public: 404, for staff too",
        ),
    ),
    # Dashboards: staff prepare and publish, the board reads published ones only ------------
    "analysis:dashboard_list": staff_and_board(staff=_READ, board=_READ),
    "analysis:dashboard_compare": staff_and_board(staff=_READ, board=_READ),
    "analysis:dashboard_create": staff_only(post=200),
    "analysis:dashboard_detail": (
        staff_and_board(
            kwargs=_pk("draft_dashboard"),
            staff=_READ,
            board={"GET": NOT_FOUND, "POST": NOT_FOUND},
            scoped=FROM_A_AND_BOARD,
            notes=_DRAFT,
        ),
        staff_and_board(kwargs=_pk("published_dashboard"), staff=_READ, board=_READ, notes=_PUBLISHED),
    ),
    # Preparing: staff only, refused before any lookup. What the page cannot do for this
    # dashboard (edit a published one, correct a draft...) sends staff back to it with a message.
    "analysis:dashboard_edit": (
        staff_only(kwargs=_pk("draft_dashboard"), post=200, scoped=FROM_A_AND_BOARD, notes=_DRAFT),
        staff_only(kwargs=_pk("published_dashboard"), get=302, post=302, notes=_PUBLISHED),
    ),
    "analysis:dashboard_publish": (
        # Publishing needs no form: the POST publishes (or says why not) and redirects either way.
        staff_only(kwargs=_pk("draft_dashboard"), post=302, scoped=FROM_A_AND_BOARD, notes=_DRAFT),
        staff_only(kwargs=_pk("published_dashboard"), get=302, post=302, notes=_PUBLISHED),
    ),
    "analysis:dashboard_correct": (
        staff_only(kwargs=_pk("draft_dashboard"), get=302, post=302, scoped=FROM_A_AND_BOARD, notes=_DRAFT),
        staff_only(kwargs=_pk("published_dashboard"), post=200, notes=_PUBLISHED),
    ),
    "analysis:dashboard_delete": (
        staff_only(kwargs=_pk("draft_dashboard"), post=302, scoped=FROM_A_AND_BOARD, notes=_DRAFT),
        staff_only(kwargs=_pk("published_dashboard"), get=302, post=302, notes=_PUBLISHED),
    ),
    # Advice: the board records it, staff respond, both read it --------------------------
    "analysis:advice_list": staff_and_board(staff=_READ, board=_READ),
    "analysis:advice_create": board_only(post=200),
    "analysis:advice_export": staff_and_board(kwargs=lambda w: {"fmt": "xlsx"}, staff=_READ, board=_READ),
    "analysis:advice_detail": staff_and_board(kwargs=_pk("advice"), staff=_READ, board=_READ, scoped=FROM_A),
    # The response form is on the advice page; an empty response shows it again with the errors.
    "analysis:advice_respond": staff_only(kwargs=_pk("advice"), get=NOT_ALLOWED, post=200, scoped=FROM_A),
    # The board's reply to the programme's answer is on the advice page too; an empty reply shows it again.
    "analysis:advice_reply": board_only(kwargs=_pk("advice"), get=NOT_ALLOWED, post=200, scoped=FROM_A),
    # Dashboards and advice: read API (published dashboards only, for staff too) -----------
    "analysis_api:dashboard-list": api_roles_only("api-staff-and-board", ("staff", "board")),
    "analysis_api:dashboard-detail": (
        api_roles_only(
            "api-staff-and-board",
            ("staff", "board"),
            kwargs=_pk("draft_dashboard"),
            get=NOT_FOUND,
            scoped=FROM_A_AND_BOARD,
            notes=_DRAFT,
        ),
        api_roles_only("api-staff-and-board", ("staff", "board"), kwargs=_pk("published_dashboard"), notes=_PUBLISHED),
    ),
    "analysis_api:advice-list": api_roles_only("api-staff-and-board", ("staff", "board")),
    "analysis_api:advice-detail": api_roles_only(
        "api-staff-and-board", ("staff", "board"), kwargs=_pk("advice"), scoped=FROM_A
    ),
    # Lessons from municipalities: staff pick passages (empty forms: 400); staff and the board read them -----
    "analysis:lessons": staff_and_board(staff=_READ, board=_READ),
    "analysis:lesson_candidates": staff_only(),
    "analysis:lesson_pick": staff_only(
        kwargs=lambda w: {"item": w.b_accepted_item.pk, "source": "lessons_learned"}, post=400, scoped=FROM_A
    ),
    "analysis:lesson_list": staff_only(),
    "analysis:lesson_detail": staff_only(kwargs=_pk("b_passage"), scoped=FROM_A),
    "analysis:lesson_edit": staff_only(kwargs=_pk("b_passage"), post=400, scoped=FROM_A),
    "analysis:lesson_remove": staff_only(kwargs=_pk("b_passage"), post=302, scoped=FROM_A),
    # The annual analysis: staff generate, follow, preview and publish; everyone reads published ones -----
    "analysis:analysis_list": staff_only(post=400),  # an empty form: the year is required
    "analysis:analysis_detail": staff_only(kwargs=_pk("unpublished_analysis"), scoped=FROM_A),
    # Publishing has a confirmation page; a POST without the confirmation goes back to it (302).
    "analysis:analysis_publish": staff_only(kwargs=_pk("unpublished_analysis"), get=200, post=302, scoped=FROM_A),
    # Withdrawing a published version asks for a reason: an empty one is the form again with an error.
    "analysis:analysis_withdraw": staff_only(kwargs=_pk("published_analysis"), get=200, post=400, scoped=FROM_A),
    # The programme's texts: an empty form changes nothing and goes back to the version.
    "analysis:analysis_texts": staff_only(kwargs=_pk("unpublished_analysis"), post=302, scoped=FROM_A),
    "analysis:analysis_text_preview": staff_only(get=NOT_ALLOWED, post=200),
    # The board gives advice on a finished draft: a GET goes to the draft, an empty POST is the form again.
    "analysis:analysis_advise": board_only(kwargs=_pk("unpublished_analysis"), get=302, post=400, scoped=FROM_A),
    "analysis:analysis_retry": staff_only(kwargs=_pk("unpublished_analysis"), get=NOT_ALLOWED, post=302, scoped=FROM_A),
    "analysis:public_analyses": public(post=NOT_ALLOWED),
    # The HTML edition: the board reads a finished draft too; the open data is for published versions.
    "analysis:analysis_read": (
        board_preview(_pk("unpublished_analysis"), notes="a finished analysis that is not published"),
        public(kwargs=_pk("published_analysis"), post=NOT_ALLOWED, notes="a published analysis"),
    ),
    "analysis:analysis_open_data": (
        staff_preview(_pk("unpublished_analysis"), notes="a finished analysis that is not published"),
        public(kwargs=_pk("published_analysis"), post=NOT_ALLOWED, notes="a published analysis"),
    ),
    "analysis:analysis_metadata": (
        staff_preview(_pk("unpublished_analysis"), notes="a finished analysis that is not published"),
        public(kwargs=_pk("published_analysis"), post=NOT_ALLOWED, notes="a published analysis"),
    ),
    "analysis:analysis_pdf": (
        staff_preview(_pk("unpublished_analysis"), notes="a finished analysis that is not published"),
        public(kwargs=_pk("published_analysis"), post=NOT_ALLOWED, notes="a published analysis"),
    ),
    # The PDF of a published dashboard: for whoever may read the dashboard. Without htmx a GET
    # of the progress fragment sends the reader back to the dashboard; the POST asks for the PDF.
    "analysis:dashboard_pdf": (
        staff_and_board(
            kwargs=_pk("published_dashboard"),
            staff={"GET": 302, "POST": 302},
            board={"GET": 302, "POST": 302},
            notes=_PUBLISHED,
        ),
        staff_and_board(
            kwargs=_pk("draft_dashboard"),
            staff={"GET": NOT_FOUND, "POST": NOT_FOUND},
            board={"GET": NOT_FOUND, "POST": NOT_FOUND},
            scoped=FROM_A_AND_BOARD,
            notes=_DRAFT + "; a draft has no PDF, for staff neither",
        ),
    ),
    "analysis:dashboard_pdf_download": staff_and_board(
        kwargs=lambda w: {"pk": w.published_dashboard.pk, "pdf_pk": w.dashboard_pdf.pk},
        staff=_READ,
        board=_READ,
        scoped=FROM_A,
    ),
    # Society indicators: staff and the board read them; staff import their figures; municipality users
    # do not need them (403). An empty upload is the form again with its messages (400); an empty POST to a
    # preview has no action and shows the preview again (400).
    "analysis:indicator_list": staff_and_board(staff=_READ, board=_READ),
    "analysis:indicator_detail": staff_and_board(
        kwargs=lambda w: {"code": "ervaren-discriminatie"},
        staff=_READ,
        board=_READ,
        scoped=FROM_A,
        missing=lambda w: {"code": "bestaat-niet"},
    ),
    "analysis:indicator_import_create": staff_only(post=400),
    "analysis:indicator_create": staff_only(post=400),
    "analysis:indicator_edit": staff_only(
        kwargs=lambda w: {"code": "ervaren-discriminatie"},
        post=400,
        scoped=FROM_A,
        missing=lambda w: {"code": "bestaat-niet"},
    ),
    "analysis:indicator_value_create": staff_only(
        kwargs=lambda w: {"code": "ervaren-discriminatie"},
        post=400,
        scoped=FROM_A,
        missing=lambda w: {"code": "bestaat-niet"},
    ),
    "analysis:indicator_import_detail": staff_only(kwargs=_pk("indicator_import"), post=400, scoped=FROM_A),
    # KPIs, budget and map: staff only; an empty form sent is a 400 with its messages ---------------------
    "analysis:kpis": staff_only(),
    "analysis:kpi_export": staff_only(kwargs=lambda w: {"fmt": "xlsx"}),
    "analysis:kpi_measurement_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "analysis:kpi_detail": staff_only(kwargs=lambda w: {"code": "K10"}),
    "analysis:kpi_measurement_create": staff_only(kwargs=lambda w: {"code": "K10"}, post=400),
    "analysis:kpi_measurement_edit": staff_only(
        kwargs=lambda w: {"code": "K10", "pk": w.measurement.pk}, post=400, scoped=FROM_A
    ),
    "analysis:budget": staff_only(),
    "analysis:budget_export": staff_only(kwargs=lambda w: {"fmt": "xlsx"}),
    "analysis:expenditure_export": staff_only(kwargs=lambda w: {"fmt": "csv"}),
    "analysis:expenditure_create": staff_only(post=400),
    "analysis:expenditure_detail": staff_only(kwargs=_pk("expenditure"), scoped=FROM_A),
    "analysis:expenditure_edit": staff_only(kwargs=_pk("expenditure"), post=400, scoped=FROM_A),
    "analysis:map": staff_only(),
    "analysis_api:kpi-list": api_staff_only(),
    "analysis_api:kpi-detail": api_staff_only(kwargs=lambda w: {"code": "K10"}),
    "analysis_api:kpi-members": api_staff_only(kwargs=lambda w: {"code": "K10"}),
    "analysis_api:budget": api_staff_only(),
    "analysis_api:expenditure-list": api_staff_only(),
    "analysis_api:expenditure-detail": api_staff_only(kwargs=_pk("expenditure"), scoped=FROM_A),
    # The programme's structure, kept by staff; withdrawing a measurement
    **programmes.RULES,
}


# Routes that exist only when a setting switches a feature on, by that setting; off (the default) they do not exist
# and answer 404. tests/test_permission_matrix.py switches each feature on and checks these rules the same way.
OPTIONAL_RULES: dict[str, dict[str, Rule]] = {
    # Single sign-on: the button's route sends everyone to the provider; the callback without the provider's code
    # sends them back to the sign-in page with a message.
    "OIDC_ENABLED": {
        "oidc_authentication_init": public(get=302, post=NOT_ALLOWED, notes="to the provider"),
        "oidc_authentication_callback": public(get=302, post=NOT_ALLOWED, notes="without a code: to the sign-in page"),
    },
}


def cases(name: str) -> tuple[Rule, ...]:
    """The rules of a route: one, or one per object when the answer depends on the object."""
    rule = RULES[name]
    return rule if isinstance(rule, tuple) else (rule,)
