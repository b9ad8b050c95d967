"""The public catalogue API: public interventions only, no login, same filters as the catalogue page."""

from django.urls import reverse
from rest_framework import permissions, serializers, viewsets

from interventions.api.register import (
    ActionLineSerializer,
    PhenomenonSerializer,
    ProtectiveFactorSerializer,
    ResilienceLevelSerializer,
    TargetGroupSerializer,
)
from interventions.filters.catalogue import CatalogueFilter
from interventions.models import Evaluation, Intervention
from interventions.selectors import catalogue as selectors
from municipalities.api import MunicipalityRefSerializer, OrganisationRefSerializer


class PublicEvaluationSerializer(serializers.ModelSerializer):
    evaluator = serializers.StringRelatedField(read_only=True)
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["title", "kind", "evaluator", "status", "started_on", "completed_on", "findings", "report_url"]

    def get_report_url(self, evaluation: Evaluation) -> str | None:
        if not evaluation.report_file:
            return None
        path = reverse(
            "interventions:evaluation_report", args=[self.context["slugs"][evaluation.intervention_id], evaluation.pk]
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CatalogueInterventionSerializer(serializers.ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    partners = OrganisationRefSerializer(many=True, read_only=True)
    municipalities = MunicipalityRefSerializer(many=True, read_only=True)
    resilience_level = ResilienceLevelSerializer(read_only=True)
    protective_factors = ProtectiveFactorSerializer(many=True, read_only=True)
    phenomena = PhenomenonSerializer(many=True, read_only=True)
    target_groups = TargetGroupSerializer(many=True, read_only=True)
    action_lines = ActionLineSerializer(many=True, read_only=True)
    evaluations = PublicEvaluationSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = [
            "slug",
            "name",
            "url",
            "summary",
            "description",
            "owner",
            "partners",
            "municipalities",
            "action_lines",
            "resilience_level",
            "protective_factors",
            "phenomena",
            "target_groups",
            "stage",
            "evidence_level",
            "website",
            "evaluations",
        ]

    def get_url(self, intervention: Intervention) -> str:
        path = reverse("interventions:catalogue_detail", args=[intervention.slug])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CatalogueInterventionViewSet(viewsets.ReadOnlyModelViewSet):
    """Public interventions of the catalogue, with their public evaluations."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    serializer_class = CatalogueInterventionSerializer
    filterset_class = CatalogueFilter
    lookup_field = "slug"
    queryset = selectors.catalogue_list_for_api()
