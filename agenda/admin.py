from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agenda import models


class ActionLineInline(admin.TabularInline):
    model = models.ActionLine
    extra = 0
    fields = ["code", "name", "name_en", "order"]


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "starts_on", "ends_on"]
    search_fields = ["code", "name", "name_en"]
    inlines = [ActionLineInline]


@admin.register(models.ActionLine)
class ActionLineAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme", "order"]
    list_filter = ["programme"]
    search_fields = ["code", "name", "name_en"]


@admin.register(models.GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme"]
    list_filter = ["programme"]
    search_fields = ["code", "name", "name_en"]


@admin.register(models.ResilienceLevel)
class ResilienceLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "order"]
    search_fields = ["code", "name", "name_en"]


@admin.register(models.ProtectiveFactor)
class ProtectiveFactorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_en"]


@admin.register(models.Phenomenon)
class PhenomenonAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name", "name_en"]


@admin.register(models.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "action_line"]
    list_filter = ["kind", "action_line__programme", "action_line"]
    search_fields = ["name", "name_en"]


@admin.register(models.Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "held_on", "activity", "location"]
    list_filter = ["activity__kind", "held_on"]
    search_fields = ["title", "location"]
    date_hierarchy = "held_on"


class KpiMeasurementInline(admin.TabularInline):
    model = models.KpiMeasurement
    extra = 0
    fields = ["measured_on", "value", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(models.Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "action_line", "target", "period", "deadline", "measure"]
    list_filter = ["programme", "action_line", "period", "unit"]
    search_fields = ["code", "name", "name_en"]
    inlines = [KpiMeasurementInline]


@admin.register(models.KpiMeasurement)
class KpiMeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["kpi", "measured_on", "value", "recorded_by", "withdrawn_at"]
    list_filter = ["kpi"]
    search_fields = ["kpi__code", "kpi__name", "note"]
    date_hierarchy = "measured_on"


@admin.register(models.BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["category", "action_line", "planned", "programme"]
    list_filter = ["programme", "action_line"]
    search_fields = ["category"]


@admin.register(models.BudgetYearPlan)
class BudgetYearPlanAdmin(SimpleHistoryAdmin):
    list_display = ["year", "action_line", "planned", "programme"]
    list_filter = ["programme", "year"]


@admin.register(models.Expenditure)
class ExpenditureAdmin(SimpleHistoryAdmin):
    list_display = ["date", "source", "kind", "amount", "action_line"]
    list_filter = ["programme", "kind", "action_line"]
    search_fields = ["source", "description"]
    date_hierarchy = "date"
