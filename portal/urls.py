from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from interventions.views.register import register_index
from portal import api_docs, health, views

# The API, mounted once: each app's api/urls.py under a namespace of its own.
api_urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs.docs_page(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path(
        "redoc/",
        api_docs.docs_page(api_docs.redoc_policy(SpectacularRedocView.as_view(url_name="api-schema"))),
        name="api-redoc",
    ),
    path("", include("municipalities.api.urls")),
    path("", include("interventions.api.urls")),
    path("", include("analysis.api.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("register/", register_index, name="register"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include(api_urlpatterns)),
    path("", include("agenda.urls")),
    path("", include("municipalities.urls")),
    path("", include("interventions.urls")),
    path("", include("analysis.urls")),
]

if settings.METRICS_ENABLED:
    urlpatterns.insert(0, path("metrics", health.metrics, name="metrics"))

handler404 = "django.views.defaults.page_not_found"
