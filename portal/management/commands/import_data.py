from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive of export_data into an empty database that has been migrated (manage.py migrate, "
        "no load_reference). Refuses a database or media storage that holds programme data, and an archive "
        "whose hashes do not match its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by export_data")
        parser.add_argument("--database", default="default", help="The database alias to fill (default: default)")

    def handle(self, *args, **options):
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"{source} bestaat niet.")
        self.stdout.write(f"Inlezen uit {source} ...")
        try:
            manifest = import_archive(source, using=options["database"], progress=self.stdout.write)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(table["rows"] for table in manifest["tables"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {rows} rijen in {len(manifest['tables'])} tabellen en {len(manifest['files'])} bestanden "
                f"hersteld, uit een export van {manifest['created_at']}."
            )
        )
