"""The programme switcher, and the pages of the programme's records: events, research, inventories, the board."""

from django.urls import path

from agenda.views import records, switcher

app_name = "agenda"

urlpatterns = [
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
]
