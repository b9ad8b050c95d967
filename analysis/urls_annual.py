"""Routes of the annual resilience analysis."""

urlpatterns: list = []
