"""Read-only API of the advisory board's dashboards (frozen snapshots) and advice."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from analysis.display.format import dashboard_title
from analysis.filters.advice import AdviceFilter
from analysis.models import Advice, Dashboard
from analysis.permissions.dashboards import can_view_advice, can_view_dashboards
from analysis.selectors.advice import advice_for
from analysis.selectors.dashboards import published_dashboards


class CanViewDashboards(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_dashboards(request.user)


class CanViewAdvice(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_advice(request.user)


class DashboardSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()

    class Meta:
        model = Dashboard
        fields = [
            "id",
            "year",
            "half",
            "version",
            "title",
            "published_at",
            "content_hash",
            "correction_of",
            "correction_note",
        ]

    def get_title(self, dashboard: Dashboard) -> str:
        return dashboard_title(dashboard)


class DashboardDetailSerializer(DashboardSerializer):
    snapshot = serializers.SerializerMethodField()

    class Meta(DashboardSerializer.Meta):
        fields = [*DashboardSerializer.Meta.fields, "snapshot"]

    @extend_schema_field(serializers.JSONField())
    def get_snapshot(self, dashboard: Dashboard) -> dict:
        """Every figure as it was frozen on publication; its canonical JSON gives the content hash."""
        return dashboard.snapshot


class DashboardViewSet(viewsets.ReadOnlyModelViewSet):
    """Published dashboards, newest first; the detail holds the frozen snapshot."""

    permission_classes = [permissions.IsAuthenticated, CanViewDashboards]
    filter_backends: list = []

    def get_queryset(self):
        return published_dashboards(user=self.request.user)

    def get_serializer_class(self):
        return DashboardDetailSerializer if self.action == "retrieve" else DashboardSerializer


class AdviceSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    action_line = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    kpi = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Advice
        fields = [
            "id",
            "dashboard",
            "kind",
            "subject",
            "text",
            "action_line",
            "kpi",
            "author",
            "given_at",
            "follow_up",
            "response",
            "responded_at",
        ]

    def get_author(self, advice: Advice) -> str:
        return (advice.author.get_full_name() or advice.author.get_username()) if advice.author else ""


class AdviceViewSet(viewsets.ReadOnlyModelViewSet):
    """The board's advice with the programme's response; filter by follow_up, kind and dashboard."""

    permission_classes = [permissions.IsAuthenticated, CanViewAdvice]
    serializer_class = AdviceSerializer
    filterset_class = AdviceFilter

    def get_queryset(self):
        return advice_for(user=self.request.user).order_by("-given_at", "-pk")
