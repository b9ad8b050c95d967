from django.urls import path

from agenda.views import public

app_name = "agenda"

urlpatterns: list = [
    path("programma/", public.programme_public, name="programme_public"),
    path("programma/beschermende-factoren/", public.factors_public, name="factors_public"),
    path("programma/teksten/<slug:kind>/<int:pk>/wijzigen/", public.text_edit, name="text_edit"),
    path(
        "programma/<slug:code>/verwante-programmas/nieuw/",
        public.related_programme_create,
        name="related_programme_create",
    ),
]
