"""The public catalogue API: public interventions only, no login, same filters as the catalogue page."""

from django.urls import reverse
from rest_framework import permissions, serializers, viewsets

from interventions.api.register import (
    CodeNameListField,
    InterventionPagination,
    MunicipalityListField,
    OrganisationListField,
    ResilienceLevelSerializer,
)
from interventions.filters.catalogue import CatalogueFilter
from interventions.models import Evaluation, Intervention
from interventions.selectors import catalogue as selectors
from municipalities.api.views import OrganisationRefSerializer


class PublicEvaluationSerializer(serializers.ModelSerializer):
    evaluator = serializers.StringRelatedField(read_only=True)
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["title", "kind", "evaluator", "status", "started_on", "completed_on", "findings", "report_url"]

    def get_report_url(self, evaluation: Evaluation) -> str | None:
        if not evaluation.report_file:
            return None
        # The evaluations come prefetched from their intervention, so this reads no more rows.
        path = reverse("interventions:evaluation_report", args=[evaluation.intervention.slug, evaluation.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CatalogueInterventionSerializer(serializers.ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    partners = OrganisationListField()
    municipalities = MunicipalityListField()
    resilience_level = ResilienceLevelSerializer(read_only=True)
    protective_factors = CodeNameListField()
    phenomena = CodeNameListField()
    target_groups = CodeNameListField()
    action_lines = CodeNameListField()
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
    pagination_class = InterventionPagination
    serializer_class = CatalogueInterventionSerializer
    filterset_class = CatalogueFilter
    lookup_field = "slug"
    queryset = selectors.catalogue_list_for_api()
