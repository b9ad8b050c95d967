"""Who may see the society indicators and who may import their values.

Programme staff keep the indicators and import their figures; the advisory board reads
them (they are the picture of society the annual analysis gives, and the board advises
on it). Municipality users do not need them for their work: they get a 403, like for
the KPIs. The figures reach the public through the published analysis only.
"""

from core.access import User
from core.roles import is_board_member, is_staff_member


def can_view_indicators(user: User) -> bool:
    return is_staff_member(user) or is_board_member(user)


def can_import_indicators(user: User) -> bool:
    return is_staff_member(user)
