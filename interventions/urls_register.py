"""Routes of the register of interventions and evaluations, the public catalogue, and their API."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from interventions.api import catalogue as catalogue_api
from interventions.api import register as register_api
from interventions.views import catalogue, register

register_router = SimpleRouter()
register_router.register("interventions", register_api.InterventionViewSet, basename="api-intervention")
register_router.register("evaluations", register_api.EvaluationViewSet, basename="api-evaluation")

catalogue_router = SimpleRouter()
catalogue_router.register("interventions", catalogue_api.CatalogueInterventionViewSet, basename="api-catalogue")

urlpatterns = [
    path("register/interventies/", register.intervention_list, name="intervention_list"),
    path("register/interventies/nieuw/", register.intervention_edit, name="intervention_create"),
    path("register/interventies/<int:pk>/", register.intervention_detail, name="intervention_detail"),
    path("register/interventies/<int:pk>/wijzigen/", register.intervention_edit, name="intervention_edit"),
    path("register/evaluaties/", register.evaluation_list, name="evaluation_list"),
    path("register/evaluaties/nieuw/", register.evaluation_edit, name="evaluation_create"),
    path("register/evaluaties/<int:pk>/", register.evaluation_detail, name="evaluation_detail"),
    path("register/evaluaties/<int:pk>/wijzigen/", register.evaluation_edit, name="evaluation_edit"),
    path("interventies/", catalogue.catalogue, name="catalogue"),
    path("interventies/<slug:slug>/", catalogue.catalogue_detail, name="catalogue_detail"),
    path(
        "interventies/<slug:slug>/evaluaties/<int:pk>/rapport/",
        catalogue.evaluation_report,
        name="evaluation_report",
    ),
    path("api/register/", include(register_router.urls)),
    path("api/catalogue/", include(catalogue_router.urls)),
]
