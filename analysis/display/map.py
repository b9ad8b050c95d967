"""The map of the municipalities: one layer at a time (grants, learning community, reach), with its table."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.display import charts
from analysis.display.format import UNIT_EURO, format_figure
from analysis.kpis.counting import format_day
from analysis.selectors.map import FORMER, MEMBER, MunicipalityOnMap

ATTRIBUTION = charts.MAP_ATTRIBUTION

GRANTS = "grants"
LEARNING_COMMUNITY = "learning_community"
REACH = "reach"
LAYERS = [
    (GRANTS, _("Specifieke uitkeringen")),
    (LEARNING_COMMUNITY, _("Learning community")),
    (REACH, _("Bereik volgens de verslagen")),
]


@dataclass(frozen=True)
class MapFigure:
    label: str
    value: str


def _euro(value: Decimal | None) -> str:
    return format_figure(value, UNIT_EURO) if value is not None else "–"


def learning_label(row: MunicipalityOnMap) -> str:
    if row.learning_community == MEMBER:
        return gettext("neemt deel sinds %(date)s") % {"date": format_day(row.member_since)}
    if row.learning_community == FORMER:
        return gettext("heeft deelgenomen tot %(date)s") % {"date": format_day(row.member_until)}
    return gettext("nee")


def reach_label(row: MunicipalityOnMap) -> str:
    return format_figure(Decimal(row.reach)) if row.reach is not None else gettext("geen verslagen")


def _tooltip(row: MunicipalityOnMap, layer: str) -> str:
    if layer == GRANTS:
        detail = _euro(row.grant_total) if row.grant_total is not None else gettext("geen specifieke uitkering")
    elif layer == LEARNING_COMMUNITY:
        detail = learning_label(row)
    else:
        detail = reach_label(row)
    return f"{row.name}: {detail}"


def map_chart(rows: list[MunicipalityOnMap], *, layer: str, as_of: datetime.date) -> charts.Chart:
    """The chosen layer as a map of all 342 municipalities, with its legend, attribution and table."""
    day = format_day(as_of)
    tooltips = {row.cbs_code: _tooltip(row, layer) for row in rows}
    if layer == LEARNING_COMMUNITY:
        values = {row.cbs_code: row.learning_community for row in rows if row.learning_community}
        return charts.choropleth(
            title=gettext("Learning community op %(date)s") % {"date": day},
            description=gettext(
                "Kaart van de 342 gemeenten. Donkerblauw: neemt deel aan de learning community; lichtblauw: heeft "
                "eerder deelgenomen; grijs: neemt niet deel. De tabel bij de kaart geeft dezelfde gegevens."
            ),
            values=values,
            classes=[(MEMBER, gettext("Neemt deel")), (FORMER, gettext("Heeft deelgenomen"))],
            class_colours=[charts.SEQUENTIAL[3], charts.SEQUENTIAL[1]],
            no_value_label=gettext("Neemt niet deel"),
            value_header=gettext("Learning community"),
            tooltips=tooltips,
            legend_in_svg=False,
        )
    if layer == REACH:
        values = {row.cbs_code: row.reach for row in rows if row.reach is not None}
        return charts.choropleth(
            title=gettext("Bereikte deelnemers tot en met %(date)s") % {"date": day},
            description=gettext(
                "Kaart van de 342 gemeenten, hoe donkerder hoe meer deelnemers de interventies bereikten volgens de "
                "ingediende en geaccepteerde halfjaarverslagen. Grijs: geen verslagen. De tabel bij de kaart geeft "
                "dezelfde gegevens."
            ),
            values=values,
            breaks=charts.nice_breaks(list(values.values())),
            no_value_label=gettext("Geen verslagen"),
            value_header=gettext("Bereikte deelnemers"),
            tooltips=tooltips,
            legend_in_svg=False,
        )
    values = {row.cbs_code: row.grant_total for row in rows if row.grant_total is not None}
    return charts.choropleth(
        title=gettext("Specifieke uitkeringen op %(date)s") % {"date": day},
        description=gettext(
            "Kaart van de 342 gemeenten, hoe donkerder hoe hoger het toegekende bedrag aan specifieke uitkeringen. "
            "Grijs: geen specifieke uitkering. De tabel bij de kaart geeft dezelfde gegevens."
        ),
        values=values,
        breaks=charts.nice_breaks(list(values.values())),
        no_value_label=gettext("Geen specifieke uitkering"),
        value_header=gettext("Toegekend (euro)"),
        tooltips=tooltips,
        legend_in_svg=False,
        unit_prefix="€ ",
    )


def summary(rows: list[MunicipalityOnMap]) -> list[MapFigure]:
    """The totals behind the three layers."""
    grants = [row for row in rows if row.grant_total is not None]
    return [
        MapFigure(gettext("Gemeenten met een specifieke uitkering"), format_figure(Decimal(len(grants)))),
        MapFigure(gettext("Toegekend"), _euro(sum((row.grant_total for row in grants), Decimal(0)))),
        MapFigure(
            gettext("Gemeenten in de learning community"),
            format_figure(Decimal(sum(1 for row in rows if row.learning_community == MEMBER))),
        ),
        MapFigure(
            gettext("Bereikte deelnemers"),
            format_figure(Decimal(sum(row.reach for row in rows if row.reach is not None))),
        ),
    ]


def grant_label(row: MunicipalityOnMap) -> str:
    return _euro(row.grant_total) if row.grant_total is not None else "–"
