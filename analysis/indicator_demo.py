"""Demo figures for the society indicators: a trend over several years, every one marked "(demo)".

The figures the programme's sources give (analysis/data/indicators.yaml) stay as they
are; these fill in the years around them so that the charts have lines. They are
examples, not measurements, and every page and the PDF say so.
"""

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from analysis.indicator_models import Indicator, IndicatorValue

NATIONAL = ""
SECOND_GENERATION = "Herkomst: tweede generatie met migratieachtergrond"

# indicator code -> breakdown -> {year: value}
DEMO_FIGURES: dict[str, dict[str, dict[int, str]]] = {
    "meest-kwetsbare-positie": {NATIONAL: {2021: "6.8", 2023: "6.3"}},
    "moeite-desinformatie": {
        NATIONAL: {2019: "31.2", 2020: "32.0", 2021: "33.5", 2022: "34.1", 2023: "35.0", 2024: "34.2", 2025: "33.6"}
    },
    "ervaren-discriminatie": {
        NATIONAL: {2022: "27", 2024: "26"},
        SECOND_GENERATION: {2020: "41", 2022: "43", 2024: "42"},
    },
    "eenzijdige-leefwerelden": {NATIONAL: {2018: "38", 2020: "40", 2022: "41", 2024: "42"}},
    "vertrouwen-overheid": {
        NATIONAL: {2019: "45", 2020: "57", 2021: "43", 2022: "31", 2023: "33", 2024: "36", 2025: "35"}
    },
    "affectieve-polarisatie": {NATIONAL: {2019: "5.1", 2021: "5.4", 2023: "5.8", 2025: "5.9"}},
    "maatschappelijk-onbehagen": {
        NATIONAL: {2019: "60", 2020: "52", 2021: "66", 2022: "78", 2023: "75", 2024: "70", 2025: "72"}
    },
}


def load(*, users: dict) -> list[IndicatorValue]:
    """Add the demo figures next to the reference figures (never over them)."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=DEMO_FIGURES)}
    taken = set(IndicatorValue.objects.values_list("indicator__code", "period", "breakdown"))
    rows = []
    for code, breakdowns in DEMO_FIGURES.items():
        if code not in indicators:
            continue
        for breakdown, figures in breakdowns.items():
            for year, value in figures.items():
                if (code, str(year), breakdown) in taken:
                    continue
                rows.append(
                    IndicatorValue(
                        indicator=indicators[code],
                        period=str(year),
                        period_end=datetime.date(year, 12, 31),
                        breakdown=breakdown,
                        value=Decimal(value),
                        provenance=IndicatorValue.Provenance.DEMO,
                        recorded_by=users.get("staf"),
                    )
                )
    return bulk_create_with_history(rows, IndicatorValue, default_user=users.get("staf"))
