from django.contrib import admin

from core.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log, read-only: it is written only by core.audit."""

    list_display = ["time", "event", "username", "address"]
    list_filter = ["event"]
    search_fields = ["event", "username", "address"]
    date_hierarchy = "time"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
