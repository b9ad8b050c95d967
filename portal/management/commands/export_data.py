from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = (
        "Write every programme object with its history, the accounts and groups, and every stored file "
        "(attachments, PDFs) into one archive (.tar.gz) with a SHA-256 hash per member in manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Where to write the archive, e.g. veerkracht-2026-12-07.tar.gz")
        parser.add_argument("--database", default="default", help="The database alias to read (default: default)")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file")

    def handle(self, *args, **options):
        target = Path(options["archive"])
        if target.exists() and not options["force"]:
            raise CommandError(f"{target} bestaat al; kies een andere naam of geef --force.")
        if not target.parent.is_dir():
            raise CommandError(f"De map {target.parent} bestaat niet.")
        self.stdout.write(f"Exporteren naar {target} ...")
        try:
            manifest = export_archive(target, using=options["database"], progress=self.stdout.write)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(table["rows"] for table in manifest["tables"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {len(manifest['tables'])} tabellen, {rows} rijen, {len(manifest['files'])} bestanden "
                f"({target.stat().st_size / 1e6:.1f} MB)."
            )
        )
        if manifest["missing_files"]:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(manifest['missing_files'])} bestand(en) waar de database naar verwijst ontbreken in de "
                    "mediaopslag en zitten dus niet in het archief: " + ", ".join(manifest["missing_files"][:10])
                )
            )
