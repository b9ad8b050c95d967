"""Routes of the advisory board's dashboards and advice."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from analysis.api.dashboards import AdviceViewSet, DashboardViewSet
from analysis.views import advice, dashboard_pdf, dashboards

router = SimpleRouter()
router.register("api/dashboards", DashboardViewSet, basename="api-dashboard")
router.register("api/advice", AdviceViewSet, basename="api-advice")

urlpatterns: list = [
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
    path("adviezen/<int:pk>/", advice.advice_detail, name="advice_detail"),
    path("adviezen/<int:pk>/reactie/", advice.advice_respond, name="advice_respond"),
    *router.urls,
]
