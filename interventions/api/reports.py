"""REST API for half-yearly reports, so a municipality's own system can report without a browser.

The same selectors scope every queryset (another municipality's report is a 404),
the same services do every write (so the same rules and history apply), and the
same FilterSet filters the list as on the staff overview page.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from agenda.models import ProtectiveFactor
from interventions.filters.reports import ReportFilter
from interventions.models import Report, ReportAttachment, ReportingPeriod, ReportItem, ReportItemOutcome
from interventions.permissions import reports as permissions
from interventions.selectors import reports as selectors
from interventions.services import reports as services
from municipalities.models import Municipality
from municipalities.selectors import municipality_for_user

AUTHENTICATION = [TokenAuthentication, SessionAuthentication]


# Serializers -------------------------------------------------------------------


class ReportMunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["cbs_code", "name"]


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "half", "opens_on", "deadline", "closes_on"]


class ReportItemOutcomeSerializer(serializers.Serializer):
    protective_factor = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ProtectiveFactor.objects.all(),
        help_text="Code of the protective factor, e.g. PF01.",
    )
    protective_factor_name = serializers.CharField(source="protective_factor.name", read_only=True)
    rating = serializers.IntegerField(
        min_value=1,
        max_value=5,
        allow_null=True,
        help_text="Self-assessed result, 1 (no result visible) to 5 (very good result). "
        "On write, null removes the rating for this factor.",
    )


class ReportItemSerializer(serializers.ModelSerializer):
    intervention_name = serializers.CharField(source="intervention.name", read_only=True)
    outcomes = ReportItemOutcomeSerializer(
        many=True,
        required=False,
        help_text="Ratings per protective factor. On write, only the factors listed change.",
    )
    spending = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, help_text="Spending in euros this half-year."
    )

    class Meta:
        model = ReportItem
        fields = [
            "id",
            "intervention",
            "intervention_name",
            "participants_total",
            *ReportItem.AGE_BANDS,
            "activities",
            "spending",
            "lessons_learned",
            "notes",
            "outcomes",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            "intervention": {"help_text": "Id of the intervention."},
            "participants_total": {"required": False, "help_text": "Participants reached, all ages."},
        }

    def to_representation(self, item: ReportItem) -> dict:
        # The same output the fields would give, without a serializer per field and outcome.
        data = self.from_row(
            {
                "id": item.pk,
                "intervention_id": item.intervention_id,
                "intervention__name": item.intervention.name,
                **{name: getattr(item, name) for name in ("participants_total", *ReportItem.AGE_BANDS)},
                "activities": item.activities,
                "spending": item.spending,
                "lessons_learned": item.lessons_learned,
                "notes": item.notes,
                "outcomes": [
                    {
                        "protective_factor": outcome.protective_factor.code,
                        "protective_factor_name": outcome.protective_factor.name,
                        "rating": outcome.rating,
                    }
                    for outcome in item.outcomes.all()
                ],
            }
        )
        for name, field in self.fields.items():
            if name not in data and not field.write_only:
                data[name] = field.to_representation(field.get_attribute(item))
        return data

    @staticmethod
    def from_row(row: dict) -> dict:
        """An item as the API shows it, from a plain row (selectors.with_api_items)."""
        return {
            "id": row["id"],
            "intervention": row["intervention_id"],
            "intervention_name": row["intervention__name"],
            "participants_total": row["participants_total"],
            **{band: row[band] for band in ReportItem.AGE_BANDS},
            "activities": row["activities"],
            "spending": f"{row['spending']:.2f}",
            "lessons_learned": row["lessons_learned"],
            "notes": row["notes"],
            "outcomes": row["outcomes"],
        }


class ReportItemUpdateSerializer(ReportItemSerializer):
    revision = serializers.IntegerField(
        write_only=True,
        min_value=1,
        max_value=services.MAX_REVISION,
        help_text="The report's revision you last read. A different current revision means someone else "
        "changed the report: the update is refused with 409 and nothing is saved.",
    )

    class Meta(ReportItemSerializer.Meta):
        fields = [*ReportItemSerializer.Meta.fields, "revision"]
        read_only_fields = ["id", "intervention"]


class ReportItemSavedSerializer(ReportItemSerializer):
    revision = serializers.IntegerField(
        source="report.revision", read_only=True, help_text="The report's new revision."
    )

    class Meta(ReportItemSerializer.Meta):
        fields = [*ReportItemSerializer.Meta.fields, "revision"]


class ReportAttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportAttachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment: ReportAttachment) -> str:
        url = reverse("interventions:attachment_download", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ReportSerializer(serializers.ModelSerializer):
    municipality = ReportMunicipalitySerializer(read_only=True)
    period = ReportingPeriodSerializer(read_only=True)
    created_by = serializers.SerializerMethodField()
    submitted_by = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()
    total_spending = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    attachments = ReportAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "municipality",
            "period",
            "status",
            "revision",
            "summary",
            "return_comment",
            "created_by",
            "created_at",
            "updated_at",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "total_spending",
            "items",
            "attachments",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_created_by(self, report: Report) -> str | None:
        return _person(report.created_by)

    @extend_schema_field(OpenApiTypes.STR)
    def get_submitted_by(self, report: Report) -> str | None:
        return _person(report.submitted_by)

    @extend_schema_field(OpenApiTypes.STR)
    def get_reviewed_by(self, report: Report) -> str | None:
        return _person(report.reviewed_by)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_total_spending(self, report: Report) -> str:
        return f"{sum(row['spending'] for row in report.api_items):.2f}"

    @extend_schema_field(ReportItemSerializer(many=True))
    def get_items(self, report: Report) -> list[dict]:
        return [ReportItemSerializer.from_row(row) for row in report.api_items]


class ReportCreateSerializer(serializers.Serializer):
    period = serializers.PrimaryKeyRelatedField(
        queryset=ReportingPeriod.objects.all(), help_text="Id of an open reporting period."
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    items = ReportItemSerializer(
        many=True,
        required=False,
        help_text="Items to fill in at once, one per intervention. Items for every intervention running in "
        "the municipality are created anyway.",
    )


class ReportUpdateSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1,
        max_value=services.MAX_REVISION,
        help_text="The revision you last read. A different current revision means someone else changed the "
        "report: the update is refused with 409 and nothing is saved.",
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    items = ReportItemSerializer(many=True, required=False, help_text="Items to change, by intervention.")


class ReportSubmitSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=services.MAX_REVISION,
        help_text="If given, the report is only submitted when it is still at this revision.",
    )


class ReportProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_revision = serializers.IntegerField(required=False)


def _person(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def _item_change(data: dict, *, intervention_id: int) -> services.ItemChange:
    values = {k: v for k, v in data.items() if k not in ("intervention", "outcomes", "revision")}
    outcomes = None
    if "outcomes" in data:
        outcomes = {o["protective_factor"].pk: o["rating"] for o in data["outcomes"]}
    return services.ItemChange(intervention_id=intervention_id, values=values, outcomes=outcomes)


def _error_response(error: Exception) -> Response:
    """Turn a service error into the API's answer: 400 for bad input, 409 for state and conflicts."""
    if isinstance(error, services.ReportConflict):
        return Response(
            {
                "detail": gettext(
                    "Iemand anders heeft dit verslag gewijzigd nadat u het las; er is niets opgeslagen. "
                    "Lees het verslag opnieuw en probeer het nog eens."
                ),
                "current_revision": error.current.revision,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(error, services.ReportStateError):
        return Response({"detail": " ".join(str(p.message) for p in error.problems)}, status=status.HTTP_409_CONFLICT)
    errors: dict = {}
    for problem in error.problems:
        if problem.intervention_id is not None:
            item = errors.setdefault("items", {}).setdefault(str(problem.intervention_id), {})
            item.setdefault(problem.field or "non_field_errors", []).append(str(problem.message))
        else:
            errors.setdefault(problem.field or "non_field_errors", []).append(str(problem.message))
    return Response(errors, status=status.HTTP_400_BAD_REQUEST)


# Permissions -------------------------------------------------------------------


class ReportApiPermission(BasePermission):
    """Staff, municipality users and the board read (each what their selector allows);
    only municipality users write, and only their own municipality's reports."""

    def has_permission(self, request, view) -> bool:
        if not permissions.can_use_reports(request.user):
            return False
        if request.method in SAFE_METHODS:
            return True
        return permissions.can_use_workspace(request.user) and municipality_for_user(user=request.user) is not None


# Views -------------------------------------------------------------------------

_LIST_PARAMETERS = [
    OpenApiParameter("period", int, description="Only reports about this reporting period (id)."),
    OpenApiParameter(
        "status",
        str,
        enum=list(selectors.STATUS_LABELS),
        description="Only reports in this state. `missing` never matches a report: it exists for the staff "
        "overview page, which then lists municipalities with a grant that have not started their report.",
    ),
    OpenApiParameter("municipality", str, description="CBS code of the municipality, e.g. GM0599."),
    OpenApiParameter(
        "overdue",
        bool,
        description="true: past the deadline and not handed in (draft or returned); false: all others.",
    ),
]


class ReportPagination(PageNumberPagination):
    """Each report carries all its items: 20 reports a page unless asked for more."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


@extend_schema_view(
    list=extend_schema(
        summary="List reports",
        description="The reports you may see: staff all, a municipality its own, the advisory board only "
        "submitted and accepted ones. Same filters as the staff overview page.",
        parameters=_LIST_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Read one report",
        description="With its items, outcomes and attachments. Another municipality's report answers 404.",
    ),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Half-yearly reports of municipalities."""

    serializer_class = ReportSerializer
    pagination_class = ReportPagination
    authentication_classes = AUTHENTICATION
    permission_classes = [IsAuthenticated, ReportApiPermission]
    filterset_class = ReportFilter
    queryset = Report.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Report.objects.none()
        return selectors.report_api_queryset(user=self.request.user)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another municipality's report is a 404 whatever the method, as on the pages.
        if "pk" in kwargs:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def _answer(self, report: Report, code=status.HTTP_200_OK) -> Response:
        fresh = selectors.report_api_queryset(user=self.request.user).get(pk=report.pk)
        return Response(self.get_serializer(selectors.with_api_items([fresh])[0]).data, status=code)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        reports = selectors.with_api_items(list(queryset if page is None else page))
        data = self.get_serializer(reports, many=True).data
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(self.get_object())

    @extend_schema(
        summary="Start a report",
        description="Start your municipality's report for an open period, optionally with a summary and "
        "items. 400 when the period is not open or a report for it already exists.",
        request=ReportCreateSerializer,
        responses={201: ReportSerializer, 400: OpenApiResponse(description="Invalid input, with messages.")},
    )
    def create(self, request, *args, **kwargs):
        serializer = ReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        municipality = municipality_for_user(user=request.user)
        try:
            with transaction.atomic():
                report = services.report_create(municipality=municipality, period=data["period"], by=request.user)
                if "summary" in data or data.get("items"):
                    report = services.report_save(
                        report=report,
                        by=request.user,
                        revision=report.revision,
                        summary=data.get("summary"),
                        items=[_item_change(i, intervention_id=i["intervention"].pk) for i in data.get("items", [])],
                    )
        except (services.ReportError, services.ReportConflict) as error:
            return _error_response(error)
        return self._answer(report, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft or returned report",
        description="Change the summary and any items (by intervention). Send the revision you read: if "
        "someone else changed the report since, the answer is 409 and nothing is saved. A submitted or "
        "accepted report cannot be changed (409).",
        request=ReportUpdateSerializer,
        responses={
            200: ReportSerializer,
            400: OpenApiResponse(description="Invalid input, with messages."),
            409: OpenApiResponse(ReportProblemSerializer, description="Changed by someone else, or not editable."),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        serializer = ReportUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            report = services.report_save(
                report=report,
                by=request.user,
                revision=data["revision"],
                summary=data.get("summary"),
                items=[_item_change(i, intervention_id=i["intervention"].pk) for i in data.get("items", [])],
            )
        except (services.ReportError, services.ReportConflict) as error:
            return _error_response(error)
        return self._answer(report)

    @extend_schema(
        summary="Submit a report",
        description="Hand the report in for review; it is then read-only for the municipality. 400 when the "
        "report is empty (no item with participants, activities or spending), 409 when it is not a draft "
        "or returned report, or changed since the given revision.",
        request=ReportSubmitSerializer,
        responses={
            200: ReportSerializer,
            400: OpenApiResponse(description="The report is empty."),
            409: OpenApiResponse(ReportProblemSerializer, description="Not submittable, or changed by someone else."),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        serializer = ReportSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            report = services.report_submit(
                report=report, by=request.user, revision=serializer.validated_data.get("revision")
            )
        except (services.ReportError, services.ReportConflict) as error:
            return _error_response(error)
        return self._answer(report)


@extend_schema_view(
    list=extend_schema(summary="List the items of a report", description="One item per intervention."),
    retrieve=extend_schema(summary="Read one item of a report"),
)
class ReportItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The items of one report: what each intervention did in the half-year."""

    serializer_class = ReportItemSerializer
    authentication_classes = AUTHENTICATION
    permission_classes = [IsAuthenticated, ReportApiPermission]
    queryset = ReportItem.objects.none()
    filter_backends: list = []

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another municipality's report or item is a 404 whatever the method.
        if "pk" in kwargs:
            self.get_object()
        else:
            self.get_report()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_report(self) -> Report:
        return get_object_or_404(selectors.reports_visible_to(user=self.request.user), pk=self.kwargs["report_pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReportItem.objects.none()
        return (
            ReportItem.objects.filter(report=self.get_report())
            .select_related("intervention")
            .prefetch_related(
                Prefetch("outcomes", queryset=ReportItemOutcome.objects.select_related("protective_factor"))
            )
            .order_by("intervention__name")
        )

    @extend_schema(
        summary="Change one item",
        description="Change what one intervention did. Only the fields you send change. Send the report's "
        "revision you read; on 409 nothing is saved. The answer holds the item and the report's new revision.",
        request=ReportItemUpdateSerializer,
        responses={
            200: ReportItemSavedSerializer,
            400: OpenApiResponse(description="Invalid input, with messages."),
            409: OpenApiResponse(ReportProblemSerializer, description="Changed by someone else, or not editable."),
        },
    )
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        serializer = ReportItemUpdateSerializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "revision" not in data:
            raise exceptions.ValidationError({"revision": [serializers.Field.default_error_messages["required"]]})
        try:
            services.report_save(
                report=item.report,
                by=request.user,
                revision=data["revision"],
                items=[_item_change(data, intervention_id=item.intervention_id)],
            )
        except (services.ReportError, services.ReportConflict) as error:
            return _error_response(error)
        fresh = self.get_queryset().select_related("report").get(pk=item.pk)
        return Response(ReportItemSavedSerializer(fresh).data)
