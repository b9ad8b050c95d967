"""Read API of the register: municipalities, grants, organisations, partnerships, learning community.

Programme staff only; filtered with the same FilterSets as the register pages.
"""

from django.db.models import Prefetch
from rest_framework import permissions, serializers, viewsets

from municipalities import selectors
from municipalities.filters import (
    GrantFilter,
    LearningCommunityMembershipFilter,
    MunicipalityFilter,
    OrganisationFilter,
    PartnershipFilter,
)
from municipalities.models import FocusArea, Grant, LearningCommunityMembership, Municipality, Organisation, Partnership
from municipalities.permissions import can_use_register


class IsRegisterUser(permissions.BasePermission):
    """Programme staff only, as on the register pages."""

    def has_permission(self, request, view) -> bool:
        return can_use_register(request.user)


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "cbs_code", "name"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class MunicipalitySerializer(serializers.ModelSerializer):
    grant_count = serializers.IntegerField(read_only=True)
    intervention_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Municipality
        fields = ["id", "cbs_code", "name", "province", "grant_count", "intervention_count"]


class FocusAreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["id", "name", "kind", "cbs_codes"]


class GrantSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(read_only=True)
    focus_area = serializers.StringRelatedField(read_only=True)
    focus_areas = FocusAreaRefSerializer(many=True, read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Grant
        fields = [
            "id",
            "programme",
            "municipality",
            "focus_area",
            "focus_areas",
            "regulation",
            "sisa_code",
            "tranche",
            "theme",
            "first_year",
            "last_year",
            "amount",
            "awarded_on",
            "decision_reference",
            "amount_is_example",
        ]


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "municipality", "website", "description"]


class PartnershipSerializer(serializers.ModelSerializer):
    members = OrganisationRefSerializer(many=True, read_only=True)
    municipalities = MunicipalityRefSerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = ["id", "programme", "name", "purpose", "started_on", "ended_on", "members", "municipalities"]


class LearningCommunityMembershipSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(read_only=True)

    class Meta:
        model = LearningCommunityMembership
        fields = ["id", "municipality", "joined_on", "left_on"]


class RegisterViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsRegisterUser]


class MunicipalityViewSet(RegisterViewSet):
    """The 342 municipalities (reference data) with their number of grants and interventions."""

    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    queryset = selectors.municipality_list()


class GrantViewSet(RegisterViewSet):
    """Specific grants (SPUK Kansrijke Wijk) to municipalities."""

    serializer_class = GrantSerializer
    filterset_class = GrantFilter
    queryset = selectors.grant_list().prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("name"))
    )


class OrganisationViewSet(RegisterViewSet):
    """Organisations taking part in the programme."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = selectors.organisation_list()


class PartnershipViewSet(RegisterViewSet):
    """Partnerships (samenwerkingsverbanden) with their members and municipalities."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    queryset = selectors.partnership_list_for_api()


class LearningCommunityMembershipViewSet(RegisterViewSet):
    """Municipalities joining and leaving the learning community."""

    serializer_class = LearningCommunityMembershipSerializer
    filterset_class = LearningCommunityMembershipFilter
    queryset = selectors.learning_community_membership_list()
