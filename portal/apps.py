from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_role_groups(sender, **kwargs) -> None:
    from core.roles import ensure_role_groups

    ensure_role_groups()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        # After the last app's migrations, so every permission exists.
        post_migrate.connect(_create_role_groups, sender=self, dispatch_uid="portal_role_groups")
