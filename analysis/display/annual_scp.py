"""The chapter "Het portfolio in het SCP-kader" of the annual analysis: the frozen SCP matrix
(capacity x connection) as a table with counts, shaded, and what stands out in words.

Built from the frozen data only; the counts were made by ``interventions.selectors.scp.scp_counts``,
the same function as the register's and the catalogue's matrix.
"""

from django.utils.translation import gettext

from interventions.selectors.scp import scp_matrix


def scp_chapter(data: dict) -> dict:
    frozen = data["scp"]
    matrix = scp_matrix(frozen)
    classified = frozen["total"] - frozen["unclassified"]
    sentences = []
    if classified:
        largest = max((cell for row in matrix.rows for cell in row.cells), key=lambda cell: cell.count)
        row = next(r for r in matrix.rows if r.capacity == largest.capacity)
        column = dict(matrix.columns)[largest.connection]
        coping = next(r.total for r in matrix.rows if r.capacity == "coping")
        sentences.append(
            gettext(
                "Van de %(classified)s interventies met een plaats in het kader richten %(coping)s zich op coping "
                "(korte termijn, reactief) en %(long)s op adaptatie of transformatie (lange termijn, proactief)."
            )
            % {"classified": classified, "coping": coping, "long": classified - coping}
        )
        sentences.append(
            gettext("De meeste interventies (%(count)s) combineren %(capacity)s met %(connection)s.")
            % {"count": largest.count, "capacity": row.label.lower(), "connection": column.lower()}
        )
        empty = [
            f"{r.label.lower()} / {dict(matrix.columns)[c.connection].lower()}"
            for r in matrix.rows
            for c in r.cells
            if c.count == 0
        ]
        if empty:
            sentences.append(gettext("Geen interventie staat in: %(cells)s.") % {"cells": "; ".join(empty)})
    if frozen["unclassified"]:
        sentences.append(
            gettext("%(count)s interventies hebben nog geen volledige plaats in het kader.")
            % {"count": frozen["unclassified"]}
        )
    return {"matrix": matrix, "sentences": sentences}
