"""The SCP framework as a portfolio matrix: how many interventions sit in each cell of
capacity (coping, adaptation, transformation) x connection (horizontal, vertical, collaboration).

``scp_counts`` is the one computation (one grouped query); the register, the public catalogue and
the annual analysis's frozen data all take their counts from it. ``scp_matrix`` lays the counts
out for a page, each cell with the link to the list filtered on it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention

CAPACITIES = tuple(Intervention.Capacity.values)
CONNECTIONS = tuple(Intervention.Connection.values)
# Column headers where room is short (the catalogue's filter column).
SHORT_CONNECTIONS = {
    "horizontal": _("Hor."),
    "vertical": _("Vert."),
    "collaboration": _("Samenw."),
}
# Shares of the largest cell at or above which a cell gets the next shade: the picture reads the
# same for 40 interventions as for 1,000. The count is always written in the cell too.
HEAT_SHARES = (0.25, 0.5, 0.75)


def scp_counts(interventions: QuerySet[Intervention]) -> dict:
    """Counts per capacity and connection as plain data: ``counts[capacity][connection]``, plus how many
    interventions have no (or half a) place in the framework, and the total."""
    counts = {capacity: dict.fromkeys(CONNECTIONS, 0) for capacity in CAPACITIES}
    unclassified = 0
    rows = interventions.order_by().values_list("capacity", "connection").annotate(n=Count("pk", distinct=True))
    for capacity, connection, n in rows:
        if capacity in counts and connection in counts[capacity]:
            counts[capacity][connection] += n
        else:
            unclassified += n
    total = unclassified + sum(sum(row.values()) for row in counts.values())
    return {"counts": counts, "unclassified": unclassified, "total": total}


def empty_counts() -> dict:
    """The matrix without counts: for a page that shows where one intervention sits."""
    return {
        "counts": {capacity: dict.fromkeys(CONNECTIONS, 0) for capacity in CAPACITIES},
        "unclassified": 0,
        "total": 0,
    }


def heat_level(count: int, largest: int) -> int:
    """0 for an empty cell, else 1 to 4 by the count's share of the largest cell."""
    if count <= 0:
        return 0
    top = max(largest, count)
    return 1 + sum(1 for share in HEAT_SHARES if count >= share * top)


@dataclass(frozen=True)
class Cell:
    capacity: str
    connection: str
    count: int
    heat: int
    url: str | None
    current: bool


@dataclass(frozen=True)
class Row:
    capacity: str
    label: str
    cells: list[Cell]
    total: int


@dataclass(frozen=True)
class Matrix:
    rows: list[Row]
    columns: list[tuple[str, str]]
    short_columns: list[tuple[str, str]]
    column_totals: list[int]
    unclassified: int
    total: int
    unclassified_url: str | None


def scp_matrix(
    data: dict,
    *,
    list_url: str | None = None,
    keep: dict | None = None,
    current: tuple[str, str] | None = None,
) -> Matrix:
    """The counts of ``scp_counts`` as rows and cells; with ``list_url`` each cell links to that list
    filtered on its cell (keeping the filters in ``keep``); ``current`` marks one cell."""
    counts = data["counts"]
    largest = max((n for row in counts.values() for n in row.values()), default=0)
    base = {key: value for key, value in (keep or {}).items() if value not in (None, "") and key != "page"}

    def link(**cell) -> str | None:
        if list_url is None:
            return None
        return f"{list_url}?{urlencode({**base, **cell})}"

    rows = []
    for capacity in CAPACITIES:
        row = counts.get(capacity, {})
        cells = [
            Cell(
                capacity,
                connection,
                row.get(connection, 0),
                heat_level(row.get(connection, 0), largest),
                link(capacity=capacity, connection=connection),
                current == (capacity, connection),
            )
            for connection in CONNECTIONS
        ]
        rows.append(Row(capacity, _short(Intervention.Capacity(capacity).label), cells, sum(c.count for c in cells)))
    return Matrix(
        rows=rows,
        columns=[(connection, str(Intervention.Connection(connection).label)) for connection in CONNECTIONS],
        short_columns=[(connection, str(SHORT_CONNECTIONS[connection])) for connection in CONNECTIONS],
        column_totals=[sum(counts.get(capacity, {}).get(c, 0) for capacity in CAPACITIES) for c in CONNECTIONS],
        unclassified=data["unclassified"],
        total=data["total"],
        unclassified_url=link(capacity="none"),
    )


def _short(label) -> str:
    """ "Coping (korte termijn, reactief)" -> "Coping": the row header; the rest is in the table's note."""
    return str(label).split(" (")[0]


def place_of(intervention: Intervention) -> tuple[str, str] | None:
    """Where an intervention sits in the matrix, or None when it has no full place in it."""
    if intervention.capacity in CAPACITIES and intervention.connection in CONNECTIONS:
        return intervention.capacity, intervention.connection
    return None


def place_in_matrix(intervention: Intervention, *, list_url: str) -> dict:
    """For an intervention's page: its place (or None) and the matrix with that cell marked, each cell a
    link to the list filtered on it. No query: the matrix carries no counts here."""
    place = place_of(intervention)
    return {"place": place, "matrix": scp_matrix(empty_counts(), list_url=list_url, current=place)}
