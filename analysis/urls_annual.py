"""Routes of the annual resilience analysis."""

from django.urls import path

from analysis.views import annual

urlpatterns: list = [
    path("jaaranalyse/", annual.analysis_list, name="analysis_list"),
    path("jaaranalyse/<int:pk>/", annual.analysis_detail, name="analysis_detail"),
    path("jaaranalyse/<int:pk>/publiceren/", annual.analysis_publish, name="analysis_publish"),
    path("jaaranalyse/<int:pk>/opnieuw/", annual.analysis_retry, name="analysis_retry"),
    path("analyses/", annual.public_analyses, name="public_analyses"),
    path("analyses/<int:pk>/pdf/", annual.analysis_pdf, name="analysis_pdf"),
]
