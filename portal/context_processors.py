from core import roles
from portal import navigation as nav


def navigation(request) -> dict:
    role = roles.role_of(request.user)
    return {
        "nav_items": nav.nav_items(request),
        "role": role,
        "role_label": roles.ROLE_LABELS.get(role, ""),
    }
