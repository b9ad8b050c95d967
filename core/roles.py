"""The three roles of the portal, as Django groups, and which one a user has."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.contrib.auth.models import User as Account
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

STAFF = "Programmastaf"
MUNICIPALITY = "Gemeente"
BOARD = "Klankbordgroep"

User = AbstractBaseUser | AnonymousUser
"""Whoever makes a request: a signed-in account or an anonymous visitor (``request.user``)."""

ROLE_LABELS = {STAFF: _("Programmastaf"), MUNICIPALITY: _("Gemeente"), BOARD: _("Klankbordgroep")}

# Model permissions per group: (app_label, model, actions). Scoping a municipality
# to its own data is done in selectors and permissions.py, not here.
_GROUP_PERMISSIONS: dict[str, list] = {
    STAFF: [
        ("agenda", model, ("view", "add", "change"))
        for model in (
            "programme",
            "actionline",
            "guidingprinciple",
            "protectivefactor",
            "phenomenon",
            "activity",
            "event",
            "kpi",
            "kpimeasurement",
            "budgetline",
            "expenditure",
            "researchresult",
            "policythemeinventory",
            "boardmembership",
        )
    ]
    + [
        ("municipalities", model, ("view", "add", "change"))
        for model in (
            "municipality",
            "focusarea",
            "organisation",
            "activityparticipation",
            "grant",
            "learningcommunitymembership",
            "partnership",
            "membership",
        )
    ]
    + [
        ("interventions", model, ("view", "add", "change"))
        for model in ("targetgroup", "intervention", "evaluation", "reportingperiod", "report", "reportcomment")
    ]
    + [("interventions", model, ("view",)) for model in ("reportitem", "reportitemoutcome", "reportattachment")]
    + [
        ("analysis", model, ("view", "add", "change"))
        for model in ("dashboard", "dashboardpdf", "advice", "annualanalysis")
    ],
    MUNICIPALITY: [
        ("interventions", "report", ("view", "add", "change")),
        ("interventions", "reportitem", ("view", "add", "change", "delete")),
        ("interventions", "reportitemoutcome", ("view", "add", "change", "delete")),
        ("interventions", "reportattachment", ("view", "add", "delete")),
        ("interventions", "reportcomment", ("view",)),
        ("interventions", "intervention", ("view",)),
        ("municipalities", "grant", ("view",)),
    ],
    BOARD: [
        ("analysis", "dashboard", ("view",)),
        ("analysis", "advice", ("view", "add")),
        ("analysis", "annualanalysis", ("view",)),
        ("agenda", "kpi", ("view",)),
        # The programme's records: the board reads them (agenda.permissions.can_read_records).
        *[
            ("agenda", model, ("view",))
            for model in ("event", "researchresult", "policythemeinventory", "boardmembership")
        ],
        ("municipalities", "activityparticipation", ("view",)),
    ],
}


def ensure_role_groups() -> None:
    """Create the role groups with their permissions; safe to run any number of times."""
    for group_name, entries in _GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = Q(pk__in=[])
        for app_label, model, actions in entries:
            wanted |= Q(content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions])
        group.permissions.set(Permission.objects.filter(wanted))


def role_of(user: User) -> str | None:
    """The user's role group name, or None for anonymous users and users without a role."""
    if not isinstance(user, Account) or not user.is_authenticated:
        return None
    # Kept on the user object, which lives as long as the request: one query per request.
    if not hasattr(user, "_portal_role"):
        names = {group.name for group in user.groups.all()}
        if user.is_superuser:
            names.add(STAFF)
        setattr(user, "_portal_role", next((role for role in (STAFF, MUNICIPALITY, BOARD) if role in names), None))  # noqa: B010
    return getattr(user, "_portal_role")  # noqa: B009


def is_staff_member(user: User) -> bool:
    return role_of(user) == STAFF


def is_municipality_user(user: User) -> bool:
    return role_of(user) == MUNICIPALITY


def is_board_member(user: User) -> bool:
    return role_of(user) == BOARD
