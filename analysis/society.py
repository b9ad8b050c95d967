"""The figures of the chapter "Hoe veerkrachtig is Nederland?", as plain data for the analysis snapshot.

``society_section(as_of)`` gathers, in a fixed handful of queries whatever the size of
the register:

- every indicator with its national values (no breakdown) over periods that ended on
  or before the analysis date, oldest first; a figure over a later period does not
  count yet, so an analysis made again later shows the same figures;
- per phenomenon, what the programme does about it.

How a phenomenon is tied to protective factors and interventions: through the
register. An intervention names the phenomena it works on and the protective
factors it strengthens; the interventions in the programme on the analysis date that
name a phenomenon are what the programme does about it, and the protective factors
of those interventions (with how many of them strengthen each) are the factors it
invests in against it. Indicators speak to a phenomenon, or to a protective factor;
the chapter groups them by the resilience level of the indicator.

The data goes into the snapshot (``data["society"]``), so it is frozen with the hash
and the chapter is rendered from the frozen copy only.
"""

import datetime
from collections import defaultdict

from agenda.models import Phenomenon, ProtectiveFactor, ResilienceLevel
from analysis.indicator_models import Indicator, IndicatorValue
from interventions.models import Intervention

SOCIETY_DATA_VERSION = 1
# How many intervention names the chapter lists per phenomenon; the count covers them all.
NAMED_INTERVENTIONS = 5
EVIDENCE_ORDER = list(reversed(Intervention.EvidenceLevel.values))


def _names(obj) -> dict[str, str]:
    return {"name": obj.name, "name_en": obj.name_en or obj.name}


def value_data(value: IndicatorValue) -> dict:
    """One figure as plain data."""
    return {
        "period": value.period,
        "period_end": value.period_end,
        "value": value.value.normalize(),
        "provenance": value.provenance,
        "note": value.note,
    }


def indicator_data(indicator: Indicator, values: list[IndicatorValue]) -> dict:
    """An indicator and its national figures (oldest first) as plain data: for the snapshot and the pages alike."""
    return {
        "code": indicator.code,
        **_names(indicator),
        "definition": indicator.definition,
        "definition_en": indicator.definition_en or indicator.definition,
        "level": indicator.level.code,
        "phenomenon": indicator.phenomenon.code if indicator.phenomenon else None,
        "protective_factor": indicator.protective_factor.code if indicator.protective_factor else None,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "source": {
            "publisher": indicator.source_publisher,
            "table": indicator.source_table,
            "url": indicator.source_url,
        },
        "licence": indicator.licence,
        "values": [value_data(value) for value in values],
    }


def _indicators(as_of: datetime.date) -> list[dict]:
    values = defaultdict(list)
    for value in IndicatorValue.objects.filter(breakdown="", period_end__lte=as_of).order_by(
        "indicator_id", "period_end"
    ):
        values[value.indicator_id].append(value)
    indicators = Indicator.objects.select_related("level", "phenomenon", "protective_factor")
    return [
        indicator_data(indicator, values.get(indicator.pk, []))
        for indicator in indicators.order_by("level__order", "order", "code")
    ]


def _programme_response(as_of: datetime.date) -> dict[int, dict]:
    """Per phenomenon id: the interventions in the programme that name it, and their protective factors."""
    running = Intervention.objects.filter(started_on__lte=as_of)
    interventions: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in running.filter(phenomena__isnull=False).values("phenomena", "name", "evidence_level"):
        rank = EVIDENCE_ORDER.index(row["evidence_level"]) if row["evidence_level"] in EVIDENCE_ORDER else 99
        interventions[row["phenomena"]].append((rank, row["name"]))
    factors: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for row in running.filter(phenomena__isnull=False, protective_factors__isnull=False).values(
        "pk", "phenomena", "protective_factors"
    ):
        factors[row["phenomena"]][row["protective_factors"]].add(row["pk"])
    return {
        phenomenon_id: {
            "count": len(rows),
            # The best-founded first, so the names listed are the ones with the most evidence.
            "named": [name for _rank, name in sorted(rows)[:NAMED_INTERVENTIONS]],
            "factors": {factor_id: len(ids) for factor_id, ids in factors[phenomenon_id].items()},
        }
        for phenomenon_id, rows in interventions.items()
    }


def society_section(as_of: datetime.date) -> dict:
    """Every figure of the society chapter as plain data (not yet frozen)."""
    factors = {f.pk: f for f in ProtectiveFactor.objects.select_related("level").order_by("code")}
    response = _programme_response(as_of)
    phenomena = []
    for phenomenon in Phenomenon.objects.order_by("code"):
        own = response.get(phenomenon.pk, {"count": 0, "named": [], "factors": {}})
        phenomena.append(
            {
                "code": phenomenon.code,
                **_names(phenomenon),
                "interventions": own["count"],
                "intervention_names": own["named"],
                "factors": [
                    {"code": factors[pk].code, **_names(factors[pk]), "interventions": count}
                    for pk, count in sorted(own["factors"].items(), key=lambda item: (-item[1], factors[item[0]].code))
                ],
            }
        )
    return {
        "data_version": SOCIETY_DATA_VERSION,
        "as_of": as_of,
        "levels": [{"code": level.code, **_names(level)} for level in ResilienceLevel.objects.order_by("order")],
        "factors": [{"code": f.code, **_names(f), "level": f.level.code} for f in factors.values()],
        "phenomena": phenomena,
        "indicators": _indicators(as_of),
    }
