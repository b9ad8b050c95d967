"""The API of interventions under /api/: the register (staff), the public catalogue, and half-yearly reports."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from interventions.api import catalogue, register, reports

app_name = "interventions_api"

router = SimpleRouter()
router.register("register/interventions", register.InterventionViewSet, basename="intervention")
router.register("register/evaluations", register.EvaluationViewSet, basename="evaluation")
router.register("catalogue/interventions", catalogue.CatalogueInterventionViewSet, basename="catalogue")

urlpatterns = [
    path("reports/", reports.ReportViewSet.as_view({"get": "list", "post": "create"}), name="report-list"),
    path(
        "reports/<int:pk>/",
        reports.ReportViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="report-detail",
    ),
    path("reports/<int:pk>/submit/", reports.ReportViewSet.as_view({"post": "submit"}), name="report-submit"),
    path("reports/<int:report_pk>/items/", reports.ReportItemViewSet.as_view({"get": "list"}), name="report-item-list"),
    path(
        "reports/<int:report_pk>/items/<int:pk>/",
        reports.ReportItemViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="report-item-detail",
    ),
    *router.urls,
]
