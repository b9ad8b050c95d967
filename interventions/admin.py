from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from interventions import models
from interventions.services.report_totals import refresh_totals


@admin.register(models.TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "order"]
    search_fields = ["code", "name", "name_en"]


class EvaluationInline(admin.TabularInline):
    model = models.Evaluation
    extra = 0
    fields = ["title", "kind", "status", "completed_on"]


@admin.register(models.Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "owner", "stage", "evidence_level", "resilience_level", "is_public"]
    list_filter = ["stage", "evidence_level", "resilience_level", "is_public", "protective_factors", "phenomena"]
    search_fields = ["name", "summary", "owner__name"]
    list_select_related = ["owner", "resilience_level"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = [
        "partners",
        "municipalities",
        "action_lines",
        "protective_factors",
        "phenomena",
        "target_groups",
    ]
    inlines = [EvaluationInline]


@admin.register(models.Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "intervention", "kind", "status", "completed_on", "evaluator"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["title", "intervention__name", "evaluator__name", "findings"]
    list_select_related = ["intervention", "evaluator"]


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "opens_on", "deadline", "closes_on"]
    list_filter = ["year", "half"]
    search_fields = ["year"]


class ReportItemInline(admin.StackedInline):
    model = models.ReportItem
    extra = 0


class ReportAttachmentInline(admin.TabularInline):
    model = models.ReportAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(models.Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period", "municipality__province"]
    search_fields = ["municipality__name", "municipality__cbs_code"]
    list_select_related = ["municipality", "period"]
    inlines = [ReportItemInline, ReportAttachmentInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The status or the items may have changed: the frozen figures follow (report_totals).
        refresh_totals([form.instance])


@admin.register(models.ReportItem)
class ReportItemAdmin(SimpleHistoryAdmin):
    list_display = ["report", "intervention", "participants_total", "spending"]
    list_filter = ["report__period", "report__status"]
    search_fields = ["report__municipality__name", "intervention__name"]
    list_select_related = ["report__municipality", "report__period", "intervention"]

    # A counted report's frozen figures follow every change to its items made here (report_totals).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_totals([obj.report])

    def delete_model(self, request, obj):
        report = obj.report
        super().delete_model(request, obj)
        refresh_totals([report])

    def delete_queryset(self, request, queryset):
        reports = list(models.Report.objects.filter(pk__in=queryset.values("report_id")))
        super().delete_queryset(request, queryset)
        refresh_totals(reports)


@admin.register(models.ReportAttachment)
class ReportAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "report", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "report__municipality__name"]


@admin.register(models.ReportComment)
class ReportCommentAdmin(admin.ModelAdmin):
    list_display = ["report", "kind", "author", "created_at"]
    list_filter = ["kind"]
    search_fields = ["text", "report__municipality__name"]


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["municipality", "period", "kind", "sent_at", "recipients"]
    list_filter = ["kind", "period"]
    search_fields = ["municipality__name"]
