"""Demo: a few grant municipalities record areas of their own, and their grants name them.

Deterministic without the shared random generator, so the rest of the demo stays as it is.
"""

from django.contrib.auth.models import User

from core.history import save_with_history
from municipalities.models import FocusArea, Grant

# Rotterdam and Utrecht (the demo's municipality users) and four more grant municipalities, by CBS code.
AREA_MUNICIPALITIES = 6
AREAS = (
    ("Centrum-Noord (demo)", "Wijk met veel jonge gezinnen en nieuwe inwoners; voorbeeldgebied."),
    ("Oost rond het station (demo)", "Gebied waar de gemeente ontmoeting wil versterken; voorbeeldgebied."),
)


def load(*, users: dict) -> list[FocusArea]:
    staff = users["staf"]
    grants: dict = {}
    for grant in Grant.objects.select_related("municipality", "focus_area").order_by(
        "municipality__cbs_code", "tranche"
    ):
        grants.setdefault(grant.municipality, []).append(grant)
    chosen = [m for m in grants if m.cbs_code in ("GM0599", "GM0344")]
    chosen += [m for m in grants if m not in chosen][: AREA_MUNICIPALITIES - len(chosen)]
    areas = []
    for municipality in chosen:
        digits = municipality.cbs_code[2:]
        by: User = users.get(municipality.cbs_code, staff)
        own = [
            save_with_history(
                instance=FocusArea(
                    municipality=municipality,
                    name=name,
                    kind=FocusArea.Kind.OWN,
                    cbs_codes=f"WK{digits}{index + 1:02d} BU{digits}{index + 1:02d}01 BU{digits}{index + 1:02d}02",
                    description=description,
                ),
                by=by,
            )
            for index, (name, description) in enumerate(AREAS)
        ]
        areas += own
        for grant in grants[municipality]:
            named = [grant.focus_area, *own] if grant.focus_area else own
            save_with_history(instance=grant, by=by, m2m={"focus_areas": named}, validate=False)
    return areas
