"""Routes of the KPI page, the budget, the map and their API."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from analysis.api.kpis import BudgetView, ExpenditureViewSet, KpiViewSet
from analysis.views import budget, kpis, municipality_map

router = SimpleRouter()
router.register("api/kpis", KpiViewSet, basename="api-kpi")
router.register("api/expenditures", ExpenditureViewSet, basename="api-expenditure")

urlpatterns: list = [
    path("kpis/", kpis.kpi_overview, name="kpis"),
    path("kpis/export/<str:fmt>/", kpis.kpi_export, name="kpi_export"),
    path("kpis/<str:code>/", kpis.kpi_detail, name="kpi_detail"),
    path("kpis/<str:code>/metingen/nieuw/", kpis.kpi_measurement_create, name="kpi_measurement_create"),
    path("kpis/<str:code>/metingen/<int:pk>/wijzigen/", kpis.kpi_measurement_edit, name="kpi_measurement_edit"),
    path("begroting/", budget.budget_overview, name="budget"),
    path("begroting/uitgaven/nieuw/", budget.expenditure_create, name="expenditure_create"),
    path("begroting/uitgaven/<int:pk>/", budget.expenditure_detail, name="expenditure_detail"),
    path("begroting/uitgaven/<int:pk>/wijzigen/", budget.expenditure_edit, name="expenditure_edit"),
    path("kaart/", municipality_map.municipality_map, name="map"),
    path("api/budget/", BudgetView.as_view(), name="api-budget"),
    *router.urls,
]
