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
class AnnualAnalysisAdmin(SimpleHistoryAdmin):
    list_display = [
        "year",
        "version",
        "language",
        "status",
        "progress",
        "requested_by",
        "requested_at",
        "published_at",
        "withdrawn_at",
    ]
    list_filter = ["status", "year", "language"]
    search_fields = ["year", "data_hash"]
    # Publishing and withdrawing go through the portal's pages (confirmation, reason), never the admin.
    readonly_fields = [
        "data_hash",
        "task_id",
        "duration_seconds",
        "page_count",
        "published_at",
        "published_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    ]


# The society indicators ----------------------------------------------------


@admin.register(models.Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "phenomenon", "protective_factor", "unit", "direction"]
    list_filter = ["level", "phenomenon", "protective_factor"]
    search_fields = ["code", "name", "name_en", "definition"]


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period", "breakdown", "value", "provenance", "updated_at"]
    list_filter = ["provenance", "indicator"]
    search_fields = ["indicator__code", "period", "breakdown"]
    readonly_fields = ["source_import", "source_row", "recorded_by"]


@admin.register(models.IndicatorImport)
class IndicatorImportAdmin(SimpleHistoryAdmin):
    list_display = ["file_name", "indicator", "uploaded_by", "uploaded_at", "applied_at"]
    list_filter = ["indicator"]
    readonly_fields = ["content", "content_hash", "summary", "applied_at", "applied_by"]


@admin.register(models.AnalysisText)
class AnalysisTextAdmin(SimpleHistoryAdmin):
    list_display = ["analysis", "kind", "key", "updated_by", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["text"]
    # The texts are frozen into the version's snapshot by the portal's text page; here they are only read.
    readonly_fields = ["analysis", "kind", "key", "text", "updated_by"]
