from interventions.urls_register import urlpatterns as register_urls
from interventions.urls_reports import urlpatterns as report_urls

app_name = "interventions"

urlpatterns = [*report_urls, *register_urls]
