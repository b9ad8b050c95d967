"""Deleting with care: an object that others still refer to stays, and the admin says why.

Foreign keys that matter use ``on_delete=PROTECT``, and Django's admin already lists what protects an
object. Many-to-many links (the municipalities an intervention runs in, the members of a partnership)
would be dropped without a word; the admin mixin below lists them as protecting too.
"""

from django.contrib import admin
from django.db.models import Model
from django.utils.html import format_html
from django.utils.text import capfirst


class KeepLinkedAdmin(admin.ModelAdmin):
    """Refuses to delete an object while the many-to-many links named in ``protected_links`` point at it."""

    protected_links: tuple[str, ...] = ()

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected) + [
            format_html("{}: {}", capfirst(type(linked)._meta.verbose_name), linked)
            for obj in objs
            for linked in linked_objects(obj, self.protected_links)
        ]
        return to_delete, model_count, perms_needed, protected


def linked_objects(obj: Model, accessors: tuple[str, ...]) -> list[Model]:
    """The objects that link to ``obj`` through the named many-to-many accessors."""
    return [linked for accessor in accessors for linked in getattr(obj, accessor).all()]
