from django.urls import path

from agenda.views import switcher

app_name = "agenda"

urlpatterns: list = [
    path("programma/kiezen/", switcher.programme_choose, name="programme_choose"),
]
