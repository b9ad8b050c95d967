"""The pages of the programme's records: events, research results, policy-theme inventories, the board."""

from django.urls import path

from agenda import views

app_name = "agenda"

urlpatterns = [
    path("activiteiten/", views.records_index, name="records_index"),
    path("activiteiten/bijeenkomsten/", views.event_list, name="event_list"),
    path("activiteiten/bijeenkomsten/nieuw/", views.event_edit, name="event_create"),
    path("activiteiten/bijeenkomsten/<int:pk>/", views.event_detail, name="event_detail"),
    path("activiteiten/bijeenkomsten/<int:pk>/wijzigen/", views.event_edit, name="event_edit"),
    path("activiteiten/onderzoek/", views.research_list, name="research_list"),
    path("activiteiten/onderzoek/nieuw/", views.research_edit, name="research_create"),
    path("activiteiten/onderzoek/<int:pk>/", views.research_detail, name="research_detail"),
    path("activiteiten/onderzoek/<int:pk>/wijzigen/", views.research_edit, name="research_edit"),
    path("activiteiten/onderzoek/<int:pk>/bestand/", views.research_file, name="research_file"),
    path("activiteiten/beleidsthemas/", views.inventory_list, name="inventory_list"),
    path("activiteiten/beleidsthemas/nieuw/", views.inventory_edit, name="inventory_create"),
    path("activiteiten/beleidsthemas/<int:pk>/", views.inventory_detail, name="inventory_detail"),
    path("activiteiten/beleidsthemas/<int:pk>/wijzigen/", views.inventory_edit, name="inventory_edit"),
    path("activiteiten/klankbordgroep/", views.board_member_list, name="board_member_list"),
    path("activiteiten/klankbordgroep/nieuw/", views.board_member_edit, name="board_member_create"),
    path("activiteiten/klankbordgroep/<int:pk>/", views.board_member_detail, name="board_member_detail"),
    path("activiteiten/klankbordgroep/<int:pk>/wijzigen/", views.board_member_edit, name="board_member_edit"),
]
