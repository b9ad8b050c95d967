from analysis.urls_annual import urlpatterns as annual_urls
from analysis.urls_dashboards import urlpatterns as dashboard_urls
from analysis.urls_kpis import urlpatterns as kpi_urls

app_name = "analysis"

urlpatterns = [*kpi_urls, *annual_urls, *dashboard_urls]
