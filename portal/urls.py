from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from interventions.views.register import register_index
from portal import accounts, api_docs, health, notifications, oidc, views
from portal.audit import views as audit

# The API, mounted once: each app's api/urls.py under a namespace of its own.
api_urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs.docs_page(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("", include("municipalities.api.urls")),
    path("", include("interventions.api.urls")),
    path("", include("analysis.api.urls")),
]

# Single sign-on (portal/oidc.py): the routes exist only when it is on.
oidc_urlpatterns = []
if settings.OIDC_ENABLED:
    oidc_urlpatterns = [
        path("accounts/oidc/authenticate/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
        path("accounts/oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    ]

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("register/", register_index, name="register"),
    path("beveiligingslog/", audit.security_log, name="security_log"),
    path("beveiligingslog/wijzigingen/", audit.change_log, name="change_log"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tweede-factor/", accounts.second_factor_verify, name="second_factor"),
    path("accounts/tweede-factor/instellen/", accounts.second_factor_setup, name="second_factor_setup"),
    path("accounts/beveiliging/", accounts.account_security, name="account"),
    path("accounts/blokkades/", accounts.lockout_list, name="lockouts"),
    path("accounts/blokkades/<int:pk>/opheffen/", accounts.lockout_release, name="lockout_release"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("meldingen/", notifications.notification_list, name="notification_list"),
    path("meldingen/instellingen/", notifications.notification_preferences, name="notification_preferences"),
    path("meldingen/alles-gelezen/", notifications.notification_read_all, name="notification_read_all"),
    path("meldingen/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("meldingen/<int:pk>/gelezen/", notifications.notification_read, name="notification_read"),
    *oidc_urlpatterns,
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

# JSON on /api/, the portal's pages elsewhere.
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
