from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo import demo_totp_key_hex
from portal.second_factor import current_code


class Command(BaseCommand):
    help = "Print the code a demo user's authenticator shows now (only for the demo's documented key)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="a demo user with an authenticator: staf or admin")

    def handle(self, *args, **options):
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True, key=demo_totp_key_hex()
        ).first()
        if device is None:
            raise CommandError(f"{options['username']} heeft geen authenticator met de demosleutel")
        self.stdout.write(current_code(device))
