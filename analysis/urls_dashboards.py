"""Routes of the advisory board's dashboards and advice."""

urlpatterns: list = []
