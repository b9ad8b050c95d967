from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from analysis import models


@admin.register(models.Dashboard)
class DashboardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "published_at", "content_hash"]
    list_filter = ["status", "year", "half"]
    search_fields = ["introduction", "highlights", "correction_note"]
    readonly_fields = ["content_hash", "published_at", "published_by"]


@admin.register(models.DashboardPdf)
class DashboardPdfAdmin(admin.ModelAdmin):
    list_display = ["dashboard", "language", "status", "progress", "requested_at"]
    list_filter = ["status", "language"]
    search_fields = ["dashboard__year"]


@admin.register(models.Advice)
class AdviceAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "author", "dashboard", "follow_up", "given_at"]
    list_filter = ["kind", "follow_up", "action_line"]
    search_fields = ["subject", "text", "response"]


@admin.register(models.AnnualAnalysis)
class AnnualAnalysisAdmin(admin.ModelAdmin):
    list_display = ["year", "version", "language", "status", "progress", "requested_by", "requested_at", "published_at"]
    list_filter = ["status", "year", "language"]
    search_fields = ["year", "data_hash"]
    readonly_fields = ["data_hash", "task_id", "duration_seconds", "page_count"]
