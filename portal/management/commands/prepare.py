import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from portal import schema


class Command(BaseCommand):
    help = (
        "Migrate, then load the reference data (and with --demo the demo data set), in one process, with the "
        "progress of each step: what scripts/prepare runs before the portal starts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load the demo data set (load_demo).")

    def handle(self, *args, **options):
        # One process for the three steps: Django starts, imports (and compiles) its modules and runs the system
        # checks once instead of three times. The checks ran before handle, so the steps skip them.
        if schema.can_create_at_once(connection):
            # A new embedded database: its tables come straight from the models (portal/schema.py), and
            # migrate then finds every migration applied.
            with self.step("Creating the tables of a new database"):
                created = schema.create_from_models(connection)
                self.stdout.write(f"Tabellen van {created} modellen aangemaakt; alle migraties staan als uitgevoerd.")
        with self.step("Migrating the database"):
            call_command("migrate", interactive=False, skip_checks=True, stdout=self.stdout, stderr=self.stderr)
        with self.step("Loading reference data"):
            call_command("load_reference", skip_checks=True, stdout=self.stdout, stderr=self.stderr)
        if options["demo"]:
            with self.step("Loading the demo data set"):
                call_command("load_demo", skip_checks=True, stdout=self.stdout, stderr=self.stderr)

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """The same lines as scripts/step: the label, a line every ten seconds while it works, the duration."""
        started = time.monotonic()
        done = threading.Event()

        def still_working() -> None:
            while not done.wait(10):
                self.stdout.write(f"    ... {label}: still working ({round(time.monotonic() - started)} s)")
                self.stdout.flush()

        self.stdout.write(f"==> {label}")
        self.stdout.flush()
        ticker = threading.Thread(target=still_working, daemon=True)
        ticker.start()
        try:
            yield
        except BaseException:
            self.stderr.write(f"<== {label}: FAILED after {round(time.monotonic() - started)} s")
            raise
        finally:
            done.set()
            ticker.join()
        self.stdout.write(f"<== {label}: done in {round(time.monotonic() - started)} s")
