from agenda.permissions import can_switch_programme
from agenda.selectors import PROGRAMME_PARAMETER, programmes_of_request, selected_programme
from core import notifications, roles
from portal import navigation as nav


def navigation(request) -> dict:
    role = roles.role_of(request.user)
    return {
        "nav_items": nav.nav_items(request),
        "role": role,
        "role_label": roles.ROLE_LABELS.get(role, ""),
        "programme_switcher": _programme_switcher(request),
    }


def _programme_switcher(request) -> dict | None:
    """The header's programme choice, for those who read more than one programme; lazily, in the template."""
    if not can_switch_programme(request.user):
        return None
    return {
        "parameter": PROGRAMME_PARAMETER,
        "programmes": lambda: programmes_of_request(request),
        "selected": lambda: selected_programme(request),
    }


def unread_notifications(request) -> dict:
    """The header's unread count, counted only when the template shows it (once per request)."""
    return {"unread_notifications": lambda: notifications.unread_count(request)}
