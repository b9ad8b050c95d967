"""Reads behind the map: grants, learning-community membership and reach per municipality, as of a date.

Grants, membership and reach come from ``analysis.snapshots.municipality_section``,
the same computation the dashboards freeze, so the map and a dashboard of the same
date agree.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from agenda.models import Programme
from analysis.snapshots import municipality_section
from municipalities.models import LearningCommunityMembership

MEMBER = "member"
FORMER = "former"


@dataclass(frozen=True)
class MunicipalityOnMap:
    cbs_code: str
    name: str
    province: str
    grant_count: int
    grant_total: Decimal | None  # None: no grant
    learning_community: str | None  # MEMBER, FORMER or None
    member_since: datetime.date | None
    member_until: datetime.date | None
    reach: int | None  # None: no submitted or accepted report of an ended half-year


def municipalities_on_map(*, programme: Programme, as_of: datetime.date) -> list[MunicipalityOnMap]:
    """Every municipality with a grant of the programme, a learning-community membership or a counted report."""
    # No compliance on the map: its queries over every report are left out.
    rows = municipality_section(programme, as_of, compliance=False, reported=True)
    memberships: dict[str, LearningCommunityMembership] = {}
    for membership in (
        LearningCommunityMembership.objects.filter(joined_on__lte=as_of)
        .select_related("municipality")
        .order_by("joined_on")
    ):
        current = memberships.get(membership.municipality.cbs_code)
        # A running membership wins over an ended one; otherwise the latest counts.
        if current is None or not _running(current, as_of) or _running(membership, as_of):
            memberships[membership.municipality.cbs_code] = membership
    result = []
    for row in rows:
        membership = memberships.get(row["cbs_code"])
        state = None
        if membership is not None:
            state = MEMBER if row["learning_community"] else FORMER
        result.append(
            MunicipalityOnMap(
                cbs_code=row["cbs_code"],
                name=row["name"],
                province=row["province"],
                grant_count=len(row["grants"]),
                grant_total=row["grant_total"] if row["grants"] else None,
                learning_community=state,
                member_since=membership.joined_on if membership else None,
                member_until=membership.left_on if membership and state == FORMER else None,
                # "No data" (not 0) for a municipality without a counted report.
                reach=int(row["reach"]) if row["reported"] else None,
            )
        )
    return result


def _running(membership: LearningCommunityMembership, as_of: datetime.date) -> bool:
    return membership.left_on is None or membership.left_on > as_of
