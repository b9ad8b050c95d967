"""Routes of the KPI page, the budget, the map and their API."""

urlpatterns: list = []
