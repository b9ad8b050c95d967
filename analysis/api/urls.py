"""The analysis API, mounted under /api/: KPIs, budget and expenditures; the board's dashboards and advice."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from analysis.api.dashboards import AdviceViewSet, DashboardViewSet
from analysis.api.kpis import BudgetView, ExpenditureViewSet, KpiViewSet

app_name = "analysis_api"

router = SimpleRouter()
router.register("kpis", KpiViewSet, basename="kpi")
router.register("expenditures", ExpenditureViewSet, basename="expenditure")
router.register("dashboards", DashboardViewSet, basename="dashboard")
router.register("advice", AdviceViewSet, basename="advice")

urlpatterns = [
    path("budget/", BudgetView.as_view(), name="budget"),
    *router.urls,
]
