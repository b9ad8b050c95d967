from django.contrib import admin

from core.models import OutboxMessage, SecurityEvent


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What waits for the broker; read-only, since core.drain_outbox sends and removes it."""

    list_display = ("task", "args", "created_at", "attempts", "last_error")
    list_filter = ("task",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


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
