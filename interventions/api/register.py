"""Read API of the register of interventions and evaluations (programme staff only).

Filtered with the same FilterSets as the register pages.
"""

from rest_framework import serializers, viewsets

from agenda.models import ActionLine, Phenomenon, ProtectiveFactor, ResilienceLevel
from interventions.filters.register import EvaluationFilter, InterventionFilter
from interventions.models import Evaluation, Intervention, TargetGroup
from interventions.selectors import register as selectors
from municipalities.api import IsRegisterUser, MunicipalityRefSerializer, OrganisationRefSerializer


class LabelledSerializer(serializers.ModelSerializer):
    """A reference-data item by its code, with its name in the language of the request."""

    name = serializers.CharField(source="label", read_only=True)


class ResilienceLevelSerializer(LabelledSerializer):
    class Meta:
        model = ResilienceLevel
        fields = ["code", "name"]


class ProtectiveFactorSerializer(LabelledSerializer):
    class Meta:
        model = ProtectiveFactor
        fields = ["code", "name"]


class PhenomenonSerializer(LabelledSerializer):
    class Meta:
        model = Phenomenon
        fields = ["code", "name"]


class TargetGroupSerializer(LabelledSerializer):
    class Meta:
        model = TargetGroup
        fields = ["code", "name"]


class ActionLineSerializer(LabelledSerializer):
    class Meta:
        model = ActionLine
        fields = ["code", "name"]


class InterventionSerializer(serializers.ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    partners = OrganisationRefSerializer(many=True, read_only=True)
    municipalities = MunicipalityRefSerializer(many=True, read_only=True)
    resilience_level = ResilienceLevelSerializer(read_only=True)
    protective_factors = ProtectiveFactorSerializer(many=True, read_only=True)
    phenomena = PhenomenonSerializer(many=True, read_only=True)
    target_groups = TargetGroupSerializer(many=True, read_only=True)
    action_lines = ActionLineSerializer(many=True, read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "name",
            "slug",
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
            "capacity",
            "connection",
            "stage",
            "developed_on",
            "evidence_level",
            "started_on",
            "website",
            "is_public",
        ]


class InterventionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Intervention
        fields = ["id", "name", "slug"]


class EvaluationSerializer(serializers.ModelSerializer):
    intervention = InterventionRefSerializer(read_only=True)
    evaluator = OrganisationRefSerializer(read_only=True, allow_null=True)
    has_report = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "intervention",
            "title",
            "kind",
            "evaluator",
            "status",
            "started_on",
            "completed_on",
            "findings",
            "has_report",
            "is_public",
        ]

    def get_has_report(self, evaluation: Evaluation) -> bool:
        return bool(evaluation.report_file)


class InterventionViewSet(viewsets.ReadOnlyModelViewSet):
    """Every intervention in the register, public or not."""

    permission_classes = [IsRegisterUser]
    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    queryset = selectors.intervention_list_for_api()


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Every evaluation in the register, public or not."""

    permission_classes = [IsRegisterUser]
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    queryset = selectors.evaluation_list()
