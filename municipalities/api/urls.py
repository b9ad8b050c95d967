"""The register API of municipalities, grants, organisations, partnerships and memberships, under /api/."""

from rest_framework.routers import SimpleRouter

from municipalities.api import views

app_name = "municipalities_api"

router = SimpleRouter()
router.register("register/municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("register/grants", views.GrantViewSet, basename="grant")
router.register("register/organisations", views.OrganisationViewSet, basename="organisation")
router.register("register/partnerships", views.PartnershipViewSet, basename="partnership")
router.register(
    "register/learning-community-memberships", views.LearningCommunityMembershipViewSet, basename="membership"
)

urlpatterns = router.urls
