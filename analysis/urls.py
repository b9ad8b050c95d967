"""The pages of the analysis app: KPIs, budget and map; the annual analysis; the board's dashboards and advice."""

from django.urls import path

from analysis.views import (
    advice,
    annual,
    budget,
    dashboard_pdf,
    dashboards,
    indicators,
    kpi_withdrawal,
    kpis,
    lessons,
    meetings,
    municipality_map,
    publication,
)

app_name = "analysis"

urlpatterns = [
    # KPIs, budget and map
    path("kpis/", kpis.kpi_overview, name="kpis"),
    path("kpis/export/<str:fmt>/", kpis.kpi_export, name="kpi_export"),
    path("kpis/metingen/export/<str:fmt>/", kpis.measurement_export, name="kpi_measurement_export"),
    path("kpis/<str:code>/", kpis.kpi_detail, name="kpi_detail"),
    path("kpis/<str:code>/metingen/nieuw/", kpis.kpi_measurement_create, name="kpi_measurement_create"),
    path("kpis/<str:code>/metingen/<int:pk>/wijzigen/", kpis.kpi_measurement_edit, name="kpi_measurement_edit"),
    path(
        "kpis/<str:code>/metingen/<int:pk>/intrekken/",
        kpi_withdrawal.kpi_measurement_withdraw,
        name="kpi_measurement_withdraw",
    ),
    path("begroting/", budget.budget_overview, name="budget"),
    path("begroting/export/<str:fmt>/", budget.budget_export, name="budget_export"),
    path("begroting/uitgaven/export/<str:fmt>/", budget.expenditure_export, name="expenditure_export"),
    path("begroting/uitgaven/nieuw/", budget.expenditure_create, name="expenditure_create"),
    path("begroting/uitgaven/<int:pk>/", budget.expenditure_detail, name="expenditure_detail"),
    path("begroting/uitgaven/<int:pk>/wijzigen/", budget.expenditure_edit, name="expenditure_edit"),
    path("kaart/", municipality_map.municipality_map, name="map"),
    # The annual analysis
    path("jaaranalyse/", annual.analysis_list, name="analysis_list"),
    path("jaaranalyse/<int:pk>/", annual.analysis_detail, name="analysis_detail"),
    path("jaaranalyse/<int:pk>/publiceren/", annual.analysis_publish, name="analysis_publish"),
    path("jaaranalyse/<int:pk>/opnieuw/", annual.analysis_retry, name="analysis_retry"),
    path("jaaranalyse/<int:pk>/intrekken/", annual.analysis_withdraw, name="analysis_withdraw"),
    path("jaaranalyse/<int:pk>/teksten/", annual.analysis_texts, name="analysis_texts"),
    path("jaaranalyse/teksten/voorbeeld/", annual.analysis_text_preview, name="analysis_text_preview"),
    path("analyses/", annual.public_analyses, name="public_analyses"),
    path("analyses/<int:pk>/", publication.analysis_read, name="analysis_read"),
    path("analyses/<int:pk>/advies/", publication.analysis_advise, name="analysis_advise"),
    path("analyses/<int:pk>/pdf/", annual.analysis_pdf, name="analysis_pdf"),
    # The society indicators
    path("indicatoren/", indicators.indicator_list, name="indicator_list"),
    path("indicatoren/nieuw/", indicators.indicator_create, name="indicator_create"),
    path("indicatoren/inlezen/", indicators.import_create, name="indicator_import_create"),
    path("indicatoren/inlezen/<int:pk>/", indicators.import_detail, name="indicator_import_detail"),
    path("indicatoren/<slug:code>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicatoren/<slug:code>/cijfer/", indicators.value_create, name="indicator_value_create"),
    path("indicatoren/<slug:code>/wijzigen/", indicators.indicator_edit, name="indicator_edit"),
    # Lessons from municipalities: staff pick passages from accepted reports; staff and the board read them
    path("lessen/", lessons.lessons, name="lessons"),
    path("lessen/kiezen/", lessons.lesson_candidates, name="lesson_candidates"),
    path("lessen/kiezen/<int:item>/<str:source>/", lessons.lesson_pick, name="lesson_pick"),
    path("lessen/passages/", lessons.lesson_list, name="lesson_list"),
    path("lessen/passages/<int:pk>/", lessons.lesson_detail, name="lesson_detail"),
    path("lessen/passages/<int:pk>/wijzigen/", lessons.lesson_edit, name="lesson_edit"),
    path("lessen/passages/<int:pk>/verwijderen/", lessons.lesson_remove, name="lesson_remove"),
    path("analyses/<int:pk>/open-data.zip", publication.analysis_open_data, name="analysis_open_data"),
    path("analyses/<int:pk>/metadata.jsonld", publication.analysis_metadata, name="analysis_metadata"),
    # The advisory board's dashboards and advice
    path("dashboards/", dashboards.dashboard_list, name="dashboard_list"),
    path("dashboards/nieuw/", dashboards.dashboard_create, name="dashboard_create"),
    path("dashboards/vergelijken/", dashboards.dashboard_compare, name="dashboard_compare"),
    path("dashboards/<int:pk>/", dashboards.dashboard_detail, name="dashboard_detail"),
    path("dashboards/<int:pk>/bewerken/", dashboards.dashboard_edit, name="dashboard_edit"),
    path("dashboards/<int:pk>/publiceren/", dashboards.dashboard_publish, name="dashboard_publish"),
    path("dashboards/<int:pk>/corrigeren/", dashboards.dashboard_correct, name="dashboard_correct"),
    path("dashboards/<int:pk>/verwijderen/", dashboards.dashboard_delete, name="dashboard_delete"),
    path("dashboards/<int:pk>/pdf/", dashboard_pdf.dashboard_pdf, name="dashboard_pdf"),
    path("dashboards/<int:pk>/pdf/<int:pdf_pk>/", dashboard_pdf.dashboard_pdf_download, name="dashboard_pdf_download"),
    path("adviezen/", advice.advice_list, name="advice_list"),
    path("adviezen/nieuw/", advice.advice_create, name="advice_create"),
    path("adviezen/export/<str:fmt>/", advice.advice_export, name="advice_export"),
    path("adviezen/<int:pk>/", advice.advice_detail, name="advice_detail"),
    path("adviezen/<int:pk>/reactie/", advice.advice_respond, name="advice_respond"),
    path("adviezen/<int:pk>/gesprek/", advice.advice_reply, name="advice_reply"),
    # The dashboards presented at a meeting of the advisory board (the meeting's page is in agenda)
    path("activiteiten/bijeenkomsten/<int:pk>/dashboards/", meetings.meeting_dashboards, name="meeting_dashboards"),
]
