from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agenda.models import Programme
from portal import demo


class Command(BaseCommand):
    help = "Load the deterministic demo data set (marked '(demo)'); does nothing if it is already there."

    def handle(self, *args, **options):
        if not Programme.objects.exists():
            raise CommandError("Laad eerst de referentiegegevens: manage.py load_reference")
        if demo.is_loaded():
            self.stdout.write("Demogegevens zijn al geladen; er is niets veranderd.")
            return
        # All or nothing; the published analyses of 2024 and 2025 are made in their place in time, between the
        # dashboards.
        with transaction.atomic():
            loaded = demo.load_demo(annual_analysis=True)
        analyses = [loaded["annual_analysis"], loaded["annual_analysis_2025"]]
        self.stdout.write(
            self.style.SUCCESS(
                f"Demogegevens geladen: {len(loaded['interventions'])} interventies, "
                f"{len(loaded['grants'])} uitkeringen, {len(loaded['reports'])} verslagen. "
                "Gebruikers: staf, gemeente-rotterdam, gemeente-utrecht, "
                f"klankbord en admin, wachtwoord '{demo.DEMO_PASSWORD}'. "
                + " ".join(
                    f"Jaaranalyse {analysis.year} gemaakt ({analysis.page_count} pagina's) en gepubliceerd."
                    for analysis in analyses
                )
            )
        )
