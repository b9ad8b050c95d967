from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.deletion import KeepLinkedAdmin
from municipalities import models


class FocusAreaInline(admin.TabularInline):
    model = models.FocusArea
    extra = 0


@admin.register(models.Municipality)
class MunicipalityAdmin(KeepLinkedAdmin, SimpleHistoryAdmin):
    # Interventions run there and partnerships work there: deleting it would drop those links unseen.
    protected_links = ("interventions", "partnerships")
    list_display = ["cbs_code", "name", "province"]
    list_filter = ["province"]
    search_fields = ["cbs_code", "name"]
    inlines = [FocusAreaInline]


@admin.register(models.FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    search_fields = ["name", "municipality__name"]
    list_select_related = ["municipality"]


@admin.register(models.Organisation)
class OrganisationAdmin(KeepLinkedAdmin, SimpleHistoryAdmin):
    protected_links = ("partner_interventions", "partnerships")
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "municipality__name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(models.ActivityParticipation)
class ActivityParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "activity", "joined_on"]
    list_filter = ["activity"]
    search_fields = ["organisation__name"]


@admin.register(models.Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = [
        "municipality",
        "focus_area",
        "tranche",
        "theme",
        "first_year",
        "last_year",
        "amount",
        "amount_is_example",
    ]
    list_filter = ["tranche", "theme", "amount_is_example", "municipality__province"]
    search_fields = ["municipality__name", "municipality__cbs_code", "focus_area__name", "decision_reference"]
    list_select_related = ["municipality", "focus_area"]
    autocomplete_fields = ["municipality"]


@admin.register(models.LearningCommunityMembership)
class LearningCommunityMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "joined_on", "left_on"]
    list_filter = ["left_on"]
    search_fields = ["municipality__name"]
    list_select_related = ["municipality"]


@admin.register(models.Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "started_on", "ended_on"]
    list_filter = ["started_on", "ended_on"]
    search_fields = ["name", "purpose", "members__name"]
    filter_horizontal = ["members", "municipalities"]


@admin.register(models.Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "municipality__name", "organisation__name"]
    list_select_related = ["user", "municipality", "organisation"]
    autocomplete_fields = ["municipality", "organisation"]
