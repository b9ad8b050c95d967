from portal import navigation as nav
from portal import roles


def navigation(request) -> dict:
    role = roles.role_of(request.user)
    return {
        "nav_items": nav.nav_items(request),
        "role": role,
        "role_label": roles.ROLE_LABELS.get(role, ""),
    }
