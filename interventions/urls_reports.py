"""Routes of municipal half-yearly reporting."""

from django.urls import path

from interventions.views import reports as views

urlpatterns: list = [
    path("mijn-gemeente/", views.workspace, name="workspace"),
    path("verslagen/", views.report_overview, name="report_overview"),
    path("verslagen/nieuw/", views.report_create, name="report_create"),
    path("verslagen/export/<str:fmt>/", views.report_export, name="report_export"),
    path("verslagen/sisa/", views.sisa_summary, name="sisa_summary"),
    path("verslagen/sisa/<int:year>/<str:fmt>/", views.sisa_export, name="sisa_export"),
    path("verslagen/api-toegang/", views.api_tokens, name="api_tokens"),
    path("verslagen/bijlagen/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("verslagen/<int:pk>/", views.report_detail, name="report_detail"),
    path("verslagen/<int:pk>/bewerken/", views.report_edit, name="report_edit"),
    path("verslagen/<int:pk>/beoordelen/", views.report_review, name="report_review"),
    path("verslagen/<int:pk>/geschiedenis/", views.report_history_view, name="report_history"),
]
