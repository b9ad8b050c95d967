"""The chapter "Lessen uit gemeenten" of the annual analysis, and the board's page of lessons:
passages from municipal reports, grouped by protective factor.

Built from plain passage rows (``analysis.lessons.passage_row``): the frozen data for the
analysis, the live data for the board's page. Nothing here queries the database.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from analysis.display.format import local_name
from analysis.lessons import signature
from analysis.models import LessonPassage
from core.halves import half_year_name


@dataclass
class Passage:
    text: str
    signature: str
    named: bool
    intervention: str
    half_year: str
    good_practice: bool
    source_label: str


@dataclass
class FactorGroup:
    code: str
    name: str
    passages: list[Passage] = field(default_factory=list)

    @property
    def good_practices(self) -> int:
        return sum(1 for p in self.passages if p.good_practice)


def _source_label(code: str) -> str:
    return str(LessonPassage.Source(code).label) if code in LessonPassage.Source.values else code


def group_by_factor(rows: list[dict]) -> list[FactorGroup]:
    """Passages per protective factor (by code), good practices first within each factor."""
    groups: dict[str, FactorGroup] = {}
    for row in rows:
        group = groups.get(row["factor"])
        if group is None:
            name = local_name({"name": row["factor_name"], "name_en": row["factor_name_en"]})
            group = groups[row["factor"]] = FactorGroup(row["factor"], f"{row['factor']} {name}")
        group.passages.append(
            Passage(
                text=row["text"],
                signature=signature(row),
                named=row["named"],
                intervention=row["intervention"],
                half_year=half_year_name(row["year"], row["half"]),
                good_practice=row["good_practice"],
                source_label=_source_label(row["source"]),
            )
        )
    ordered = [groups[code] for code in sorted(groups)]
    for group in ordered:
        group.passages.sort(key=lambda p: not p.good_practice)
    return ordered


def lessons_chapter(data: dict) -> dict:
    """The chapter's groups and the sentence that opens it."""
    rows = data["lessons"]["passages"]
    groups = group_by_factor(rows)
    good = sum(1 for row in rows if row["good_practice"])
    named = sum(1 for row in rows if row["named"])
    if rows:
        lead = gettext(
            "De programmastaf koos %(count)s passages uit de geaccepteerde halfjaarverslagen van gemeenten over "
            "%(year)s, bij %(factors)s beschermende factoren; %(good)s daarvan gelden als goed voorbeeld. "
            "%(named)s passages staan met de naam van de gemeente, die daar toestemming voor gaf; bij de andere "
            "staat alleen de provincie."
        ) % {
            "count": len(rows),
            "year": data["analysis"]["year"],
            "factors": len(groups),
            "good": good,
            "named": named,
        }
    else:
        lead = gettext(
            "Uit de verslagen over %(year)s zijn (nog) geen passages gekozen: dit hoofdstuk heeft daarom geen lessen."
        ) % {"year": data["analysis"]["year"]}
    return {"groups": groups, "count": len(rows), "good_practices": good, "named": named, "lead": lead}
