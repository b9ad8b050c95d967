from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agenda.reference import load_programmes
from analysis.reference import load_indicators
from core.datafiles import DataFileError
from core.roles import ensure_role_groups
from interventions.reference import load_need_tags, load_target_groups
from municipalities.reference import load_focus_areas, load_municipalities


class Command(BaseCommand):
    help = "Load the programme's reference data (idempotent: loading twice changes nothing)."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                ensure_role_groups()
                programmes = load_programmes()
                municipalities = load_municipalities()
                focus_areas = load_focus_areas()
                target_groups = load_target_groups()
                need_tags = load_need_tags()
                indicators = load_indicators()
        except DataFileError as exc:
            raise CommandError(f"Niets geladen. {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Referentiegegevens geladen: {len(programmes)} programma('s), {municipalities} gemeenten, "
                f"{focus_areas} focusgebieden, {target_groups} doelgroepen, {need_tags} onderwerpen van behoeften, "
                f"{indicators} indicatoren."
            )
        )
