"""Read API of the register of interventions and evaluations (programme staff only).

Filtered with the same FilterSets as the register pages.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import pagination, serializers, viewsets

from agenda.models import ResilienceLevel
from interventions.filters.register import EvaluationFilter, InterventionFilter
from interventions.models import Evaluation, Intervention
from interventions.selectors import register as selectors
from municipalities.api.views import IsRegisterUser, MunicipalityRefSerializer, OrganisationRefSerializer


class LabelledSerializer(serializers.ModelSerializer):
    """A reference-data item by its code, with its name in the language of the request."""

    name = serializers.CharField(source="label", read_only=True)


class ResilienceLevelSerializer(LabelledSerializer):
    class Meta:
        model = ResilienceLevel
        fields = ["code", "name"]


class CodeNameSerializer(serializers.Serializer):
    """A reference-data item (protective factor, phenomenon, target group, action line): code and name."""

    code = serializers.CharField()
    name = serializers.CharField()


class ReadOnlyListField(serializers.Field):
    """Prefetched related objects as small dicts, without a serializer per object: the API lists are hot paths."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager) -> list[dict]:
        return [self.item(obj) for obj in manager.all()]


@extend_schema_field(CodeNameSerializer(many=True))
class CodeNameListField(ReadOnlyListField):
    def item(self, obj) -> dict:
        return {"code": obj.code, "name": obj.label}


@extend_schema_field(OrganisationRefSerializer(many=True))
class OrganisationListField(ReadOnlyListField):
    def item(self, obj) -> dict:
        return {"id": obj.pk, "name": obj.name, "kind": obj.kind}


@extend_schema_field(MunicipalityRefSerializer(many=True))
class MunicipalityListField(ReadOnlyListField):
    def item(self, obj) -> dict:
        return {"id": obj.pk, "cbs_code": obj.cbs_code, "name": obj.name}


class InterventionSerializer(serializers.ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    partners = OrganisationListField()
    municipalities = MunicipalityListField()
    resilience_level = ResilienceLevelSerializer(read_only=True)
    protective_factors = CodeNameListField()
    phenomena = CodeNameListField()
    target_groups = CodeNameListField()
    action_lines = CodeNameListField()

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


class InterventionPagination(pagination.PageNumberPagination):
    """Interventions carry many relations: 20 a page, as on the pages, unless asked for more."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class InterventionViewSet(viewsets.ReadOnlyModelViewSet):
    """Every intervention in the register, public or not."""

    permission_classes = [IsRegisterUser]
    pagination_class = InterventionPagination
    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    queryset = selectors.intervention_list_for_api()


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Every evaluation in the register, public or not."""

    permission_classes = [IsRegisterUser]
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    queryset = selectors.evaluation_list()
