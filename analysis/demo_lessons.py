"""Demo lessons: passages picked from the demo's accepted reports of 2024 and 2025, some signed by name.

Deterministic and quick: the report lines are taken in a fixed order (no random numbers), and
each passage goes through the service that staff use, so it is checked like theirs.
"""

from analysis.models import LessonPassage
from analysis.services.lessons import factor_choices, passage_save
from interventions.models import Report, ReportItem
from municipalities.services import municipality_set_lesson_consent

# Per year: how many passages, from as many municipalities.
PASSAGES_PER_YEAR = {2024: 3, 2025: 8}


def _first_sentence(text: str) -> str:
    sentence, dot, _rest = text.partition(". ")
    return f"{sentence}{dot}".strip() if dot else text


def load(*, users: dict) -> list[LessonPassage]:
    staff = users["staf"]
    picked: list[LessonPassage] = []
    consented: set[int] = set()
    for year, wanted in PASSAGES_PER_YEAR.items():
        items = (
            ReportItem.objects.filter(report__status=Report.Status.ACCEPTED, report__period__year=year)
            .exclude(lessons_learned="")
            .select_related("report__municipality", "report__period", "intervention")
            .prefetch_related("intervention__protective_factors", "outcomes__protective_factor")
            .order_by("report__period__half", "report__municipality__cbs_code", "intervention__name")
        )
        seen: set[int] = set()
        for item in items:
            if len(seen) == wanted:
                break
            if item.report.municipality_id in seen or not factor_choices(item):
                continue
            position = len(seen)
            seen.add(item.report.municipality_id)
            # Every other municipality lets its name be shown; the rest are "een gemeente in ...".
            if position % 2 == 0 and item.report.municipality_id not in consented:
                municipality_set_lesson_consent(municipality=item.report.municipality, shares_by_name=True, by=staff)
                consented.add(item.report.municipality_id)
            use_notes = position % 4 == 3 and item.notes
            source = LessonPassage.Source.NOTES if use_notes else LessonPassage.Source.LESSONS_LEARNED
            text = getattr(item, source)
            factors = factor_choices(item)
            passage = LessonPassage(
                item=item,
                source=source,
                # Some whole, some cut down to their first sentence, as staff would.
                text=text if position % 3 == 0 else _first_sentence(text),
                protective_factor=factors[position % len(factors)],
                is_good_practice=position % 3 == 1,
            )
            picked.append(passage_save(passage=passage, by=staff))
    return picked
