"""Routes of the register of interventions and evaluations, and the public catalogue."""

urlpatterns: list = []
