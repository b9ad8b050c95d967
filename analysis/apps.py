from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analyse")

    def ready(self):
        # K08's first days follow every change to what they are made of (analysis/kpis/taking_part.py).
        from analysis.kpis import taking_part

        taking_part.connect()
