"""The register pages of municipalities, grants, organisations, partnerships and the learning community."""

from django.urls import path

from municipalities import area_views, views

app_name = "municipalities"

urlpatterns = [
    path("register/gemeenten/", views.municipality_list, name="municipality_list"),
    path("register/gemeenten/<str:cbs_code>/", views.municipality_detail, name="municipality_detail"),
    path(
        "register/gemeenten/<str:cbs_code>/toestemming-lessen/",
        views.municipality_lesson_consent,
        name="municipality_lesson_consent",
    ),
    path("mijn-gemeente/toestemming-lessen/", views.own_lesson_consent, name="own_lesson_consent"),
    path("register/uitkeringen/", views.grant_list, name="grant_list"),
    path("register/uitkeringen/export/<str:fmt>/", views.grant_export, name="grant_export"),
    path("register/uitkeringen/nieuw/", views.grant_edit, name="grant_create"),
    path("register/uitkeringen/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("register/uitkeringen/<int:pk>/wijzigen/", views.grant_edit, name="grant_edit"),
    path("register/organisaties/", views.organisation_list, name="organisation_list"),
    path("register/organisaties/export/<str:fmt>/", views.organisation_export, name="organisation_export"),
    path("register/organisaties/nieuw/", views.organisation_edit, name="organisation_create"),
    path("register/organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("register/organisaties/<int:pk>/wijzigen/", views.organisation_edit, name="organisation_edit"),
    path("register/samenwerkingsverbanden/", views.partnership_list, name="partnership_list"),
    path("register/samenwerkingsverbanden/export/<str:fmt>/", views.partnership_export, name="partnership_export"),
    path("register/samenwerkingsverbanden/nieuw/", views.partnership_edit, name="partnership_create"),
    path("register/samenwerkingsverbanden/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("register/samenwerkingsverbanden/<int:pk>/wijzigen/", views.partnership_edit, name="partnership_edit"),
    path("register/learning-community/", views.membership_list, name="membership_list"),
    path("register/learning-community/nieuw/", views.membership_edit, name="membership_create"),
    path("register/learning-community/<int:pk>/", views.membership_detail, name="membership_detail"),
    path("register/learning-community/<int:pk>/wijzigen/", views.membership_edit, name="membership_edit"),
    path("activiteiten/deelname/", views.participation_list, name="participation_list"),
    path("activiteiten/deelname/nieuw/", views.participation_edit, name="participation_create"),
    path("activiteiten/deelname/<int:pk>/", views.participation_detail, name="participation_detail"),
    path("activiteiten/deelname/<int:pk>/wijzigen/", views.participation_edit, name="participation_edit"),
    # Area-based working: municipalities record their own focus areas
    path("gebieden/", area_views.focus_area_list, name="focus_area_list"),
    path("gebieden/nieuw/", area_views.focus_area_create, name="focus_area_create"),
    path("gebieden/<int:pk>/wijzigen/", area_views.focus_area_edit, name="focus_area_edit"),
]
