"""Routes of municipal half-yearly reporting."""

urlpatterns: list = []
