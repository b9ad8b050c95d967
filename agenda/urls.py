"""The pages where programme staff keep the programme's structure."""

from django.urls import path

from agenda.views import programmes, structure

app_name = "agenda"

urlpatterns = [
    path("programmas/beheer/", programmes.programme_list, name="programme_list"),
    path("programmas/beheer/nieuw/", programmes.programme_copy, name="programme_copy"),
    path("programmas/beheer/<slug:code>/", programmes.programme_detail, name="programme_detail"),
    path("programmas/beheer/<slug:code>/wijzigen/", programmes.programme_edit, name="programme_edit"),
    path("programmas/beheer/<slug:code>/actielijnen/nieuw/", structure.action_line_edit, name="action_line_create"),
    path(
        "programmas/beheer/<slug:code>/actielijnen/<int:pk>/wijzigen/",
        structure.action_line_edit,
        name="action_line_edit",
    ),
    path(
        "programmas/beheer/<slug:code>/uitgangspunten/nieuw/",
        structure.guiding_principle_edit,
        name="guiding_principle_create",
    ),
    path(
        "programmas/beheer/<slug:code>/uitgangspunten/<int:pk>/wijzigen/",
        structure.guiding_principle_edit,
        name="guiding_principle_edit",
    ),
    path("programmas/beheer/<slug:code>/kpis/nieuw/", structure.kpi_edit, name="kpi_create"),
    path("programmas/beheer/<slug:code>/kpis/<int:pk>/wijzigen/", structure.kpi_edit, name="kpi_edit"),
    path(
        "programmas/beheer/<slug:code>/begrotingsposten/nieuw/", structure.budget_line_edit, name="budget_line_create"
    ),
    path(
        "programmas/beheer/<slug:code>/begrotingsposten/<int:pk>/wijzigen/",
        structure.budget_line_edit,
        name="budget_line_edit",
    ),
    path("programmas/beheer/<slug:code>/begroting/<int:year>/", structure.budget_year_edit, name="budget_year_edit"),
]
