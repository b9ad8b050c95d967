"""The programme's public pages, the switcher, the pages where staff keep its structure, and those of its records."""

from django.urls import path

from agenda.views import programmes, public, records, structure, switcher

app_name = "agenda"

urlpatterns = [
    path("programma/", public.programme_public, name="programme_public"),
    path("programma/beschermende-factoren/", public.factors_public, name="factors_public"),
    path("programma/teksten/<slug:kind>/<int:pk>/wijzigen/", public.text_edit, name="text_edit"),
    path(
        "programma/<slug:code>/verwante-programmas/nieuw/",
        public.related_programme_create,
        name="related_programme_create",
    ),
    path("programma/kiezen/", switcher.programme_choose, name="programme_choose"),
    path("activiteiten/", records.records_index, name="records_index"),
    path("activiteiten/bijeenkomsten/", records.event_list, name="event_list"),
    path("activiteiten/bijeenkomsten/nieuw/", records.event_edit, name="event_create"),
    path("activiteiten/bijeenkomsten/<int:pk>/", records.event_detail, name="event_detail"),
    path("activiteiten/bijeenkomsten/<int:pk>/wijzigen/", records.event_edit, name="event_edit"),
    path("activiteiten/onderzoek/", records.research_list, name="research_list"),
    path("activiteiten/onderzoek/nieuw/", records.research_edit, name="research_create"),
    path("activiteiten/onderzoek/<int:pk>/", records.research_detail, name="research_detail"),
    path("activiteiten/onderzoek/<int:pk>/wijzigen/", records.research_edit, name="research_edit"),
    path("activiteiten/onderzoek/<int:pk>/bestand/", records.research_file, name="research_file"),
    path("activiteiten/beleidsthemas/", records.inventory_list, name="inventory_list"),
    path("activiteiten/beleidsthemas/nieuw/", records.inventory_edit, name="inventory_create"),
    path("activiteiten/beleidsthemas/<int:pk>/", records.inventory_detail, name="inventory_detail"),
    path("activiteiten/beleidsthemas/<int:pk>/wijzigen/", records.inventory_edit, name="inventory_edit"),
    path("activiteiten/klankbordgroep/", records.board_member_list, name="board_member_list"),
    path("activiteiten/klankbordgroep/nieuw/", records.board_member_edit, name="board_member_create"),
    path("activiteiten/klankbordgroep/<int:pk>/", records.board_member_detail, name="board_member_detail"),
    path("activiteiten/klankbordgroep/<int:pk>/wijzigen/", records.board_member_edit, name="board_member_edit"),
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
