"""The map of the municipalities for programme staff: grants, learning community and reach."""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.selectors import selected_programme
from analysis.display import map as map_display
from analysis.forms.map import MapForm
from analysis.permissions.kpis import can_view_map
from analysis.selectors.map import municipalities_on_map
from analysis.views.kpis import no_programme_page
from core.access import gate

_CODE = "CBS-CODE"


@gate(can_view_map)
def municipality_map(request: HttpRequest) -> HttpResponse:
    """One layer of the map as of a date, its legend and attribution, and the same data as a table."""
    form = MapForm(request.GET or None, today=timezone.localdate(), programme=selected_programme(request))
    programme, as_of = form.choice()
    if programme is None:
        return no_programme_page(request, _("Kaart"))
    layer = form.chosen_layer()
    rows = municipalities_on_map(programme=programme, as_of=as_of)
    # One reverse() for the 342 links of the table, not one each.
    detail = reverse("municipalities:municipality_detail", args=[_CODE])
    return render(
        request,
        "analysis/map/map.html",
        {
            "form": form,
            "programme": programme,
            "as_of": as_of,
            "layer": layer,
            "layer_label": dict(map_display.LAYERS)[layer],
            "chart": map_display.map_chart(rows, layer=layer, as_of=as_of),
            "rows": [
                {
                    "municipality": row,
                    "url": detail.replace(_CODE, quote(row.cbs_code)),
                    "grant": map_display.grant_label(row),
                    "learning": map_display.learning_label(row),
                    "reach": map_display.reach_label(row),
                }
                for row in rows
            ],
            "summary": map_display.summary(rows),
            "attribution": map_display.ATTRIBUTION,
            "breadcrumbs": [(_("Kaart"), None)],
        },
        status=400 if form.has_errors else 200,
    )
