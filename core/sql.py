"""Queries the ORM cannot write, put together from the ORM's own SQL.

A few reads need SQL that Django's ORM has no words for: a common table expression over a
union, or an aggregate of an aggregate. ``select_with`` runs them with querysets as named CTEs,
so the SQL of each part is still the ORM's, and every value goes as a parameter.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import QuerySet

Part = QuerySet | tuple[str, Sequence]


def select_with(ctes: Sequence[tuple[str, Part]], select: str, params: Sequence = ()) -> list[tuple]:
    """The rows of ``WITH <ctes> <select>``.

    Each CTE is a name with its columns ("pairs (key, day)") and either a queryset, whose SQL and
    parameters are the ORM's, or fixed SQL text with its own parameters. ``select`` is fixed text
    too; its values go in ``params``.
    """
    with connection.cursor() as cursor:
        cursor.execute(*_with(ctes, select, params))
        return cursor.fetchall()


def execute_with(ctes: Sequence[tuple[str, Part]], statement: str, params: Sequence = ()) -> int:
    """Run ``WITH <ctes> <statement>`` (an INSERT ... SELECT, say) and return how many rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(*_with(ctes, statement, params))
        return cursor.rowcount


def _with(ctes: Sequence[tuple[str, Part]], statement: str, params: Sequence) -> tuple[str, tuple]:
    parts: list[str] = []
    values: list = []
    for name, part in ctes:
        sql, part_params = part.order_by().query.sql_with_params() if isinstance(part, QuerySet) else part
        parts.append(f"{name} AS ({sql})")
        values.extend(part_params)
    # Only the ORM's SQL and the callers' fixed text are joined here; every value is a parameter.
    return f"WITH {', '.join(parts)} {statement}", (*values, *params)
