"""The pages of interventions: half-yearly reporting, the register of interventions and evaluations,
and the public catalogue."""

from django.urls import path

from interventions.views import (
    catalogue,
    comments,
    exports,
    needs,
    register,
    report_checks,
    reports,
    review,
    tokens,
    workspace,
)

app_name = "interventions"

urlpatterns = [
    # Half-yearly reporting
    path("mijn-gemeente/", workspace.workspace, name="workspace"),
    path("mijn-gemeente/api-sleutels/", tokens.my_api_tokens, name="my_api_tokens"),
    path("mijn-gemeente/api-sleutels/<int:pk>/intrekken/", tokens.my_api_token_revoke, name="my_api_token_revoke"),
    path("verslagen/", review.report_overview, name="report_overview"),
    path("verslagen/nieuw/", workspace.report_create, name="report_create"),
    path("verslagen/export/<str:fmt>/", exports.report_export, name="report_export"),
    path("verslagen/regels/export/<str:fmt>/", exports.report_item_export, name="report_item_export"),
    path("verslagen/sisa/", exports.sisa_summary, name="sisa_summary"),
    path("verslagen/sisa/<int:year>/<str:fmt>/", exports.sisa_export, name="sisa_export"),
    path("verslagen/api-toegang/", tokens.api_tokens, name="api_tokens"),
    path("verslagen/controles/", report_checks.report_check_settings, name="report_check_settings"),
    # Needs-driven working: the needs and questions sent with the reports
    path("verslagen/behoeften/", needs.need_list, name="need_list"),
    path("verslagen/behoeften/<int:pk>/", needs.need_answer, name="need_answer"),
    path("behoeften/", needs.need_summary, name="need_summary"),
    path("verslagen/bijlagen/<int:pk>/", reports.attachment_download, name="attachment_download"),
    path("verslagen/<int:pk>/", reports.report_detail, name="report_detail"),
    path("verslagen/<int:pk>/bewerken/", reports.report_edit, name="report_edit"),
    path("verslagen/<int:pk>/automatisch-opslaan/", reports.report_autosave, name="report_autosave"),
    path("verslagen/<int:pk>/indienen/", reports.report_submit, name="report_submit"),
    path("verslagen/<int:pk>/beoordelen/", review.report_review, name="report_review"),
    path("verslagen/<int:pk>/geschiedenis/", reports.report_history_view, name="report_history"),
    path("verslagen/<int:pk>/opmerkingen/", comments.report_comment, name="report_comment"),
    # The register of interventions and evaluations (staff)
    path("register/interventies/", register.intervention_list, name="intervention_list"),
    path("register/interventies/nieuw/", register.intervention_edit, name="intervention_create"),
    path("register/interventies/export/<str:fmt>/", register.intervention_export, name="intervention_export"),
    path("register/interventies/<int:pk>/", register.intervention_detail, name="intervention_detail"),
    path("register/interventies/<int:pk>/wijzigen/", register.intervention_edit, name="intervention_edit"),
    path("register/evaluaties/", register.evaluation_list, name="evaluation_list"),
    path("register/evaluaties/nieuw/", register.evaluation_edit, name="evaluation_create"),
    path("register/evaluaties/export/<str:fmt>/", register.evaluation_export, name="evaluation_export"),
    path("register/evaluaties/<int:pk>/", register.evaluation_detail, name="evaluation_detail"),
    path("register/evaluaties/<int:pk>/wijzigen/", register.evaluation_edit, name="evaluation_edit"),
    # The public catalogue
    path("interventies/", catalogue.catalogue, name="catalogue"),
    path("interventies/<slug:slug>/", catalogue.catalogue_detail, name="catalogue_detail"),
    path(
        "interventies/<slug:slug>/evaluaties/<int:pk>/rapport/",
        catalogue.evaluation_report,
        name="evaluation_report",
    ),
]
