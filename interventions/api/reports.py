"""REST API for half-yearly reports, so a municipality's own system can report without a browser.

The same selectors scope every queryset (another municipality's report is a 404),
the same services do every write (so the same rules and history apply), and the
same FilterSet filters the list as on the staff overview page.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from core.tokens import ApiTokenAuthentication
from interventions.api.report_serializers import (
    ReportCreateSerializer,
    ReportItemSavedSerializer,
    ReportItemSerializer,
    ReportItemUpdateSerializer,
    ReportListEntrySerializer,
    ReportProblemSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
    ReportUpdateSerializer,
)
from interventions.filters.reports import ReportFilter
from interventions.models import Report, ReportItem, ReportItemOutcome
from interventions.permissions import reports as permissions
from interventions.selectors import reports as selectors
from interventions.services import report_problems as problems
from interventions.services import reports as services
from municipalities.selectors import municipality_for_user

AUTHENTICATION = [ApiTokenAuthentication, SessionAuthentication]


def _item_change(data: dict, *, intervention_id: int) -> services.ItemChange:
    values = {k: v for k, v in data.items() if k not in ("intervention", "outcomes", "revision")}
    outcomes = None
    if "outcomes" in data:
        outcomes = {o["protective_factor"].pk: o["rating"] for o in data["outcomes"]}
    return services.ItemChange(intervention_id=intervention_id, values=values, outcomes=outcomes)


def _error_response(error: Exception) -> Response:
    """Turn a service error into the API's answer: 400 for bad input, 409 for state and conflicts."""
    if isinstance(error, problems.ReportConflict):
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
    if isinstance(error, problems.ReportStateError):
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
    OpenApiParameter(
        "include",
        str,
        enum=["items"],
        description="`items`: each report also carries its items, as when you read the report itself. "
        "Without it a report shows how many items it has and what they add up to, and `items_url` lists them.",
    ),
]


class ReportListQuery(serializers.Serializer):
    include = serializers.ChoiceField(choices=["items"], required=False)


class ReportPagination(PageNumberPagination):
    """20 reports a page unless asked for more."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


@extend_schema_view(
    list=extend_schema(
        summary="List reports",
        description="The reports you may see: staff all, a municipality its own, the advisory board only "
        "submitted and accepted ones. Same filters as the staff overview page. Each report without its "
        "items unless `include=items`: a page then holds every item of its reports.",
        parameters=_LIST_PARAMETERS,
        responses=ReportListEntrySerializer(many=True),
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
        query = ReportListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        reports = list(queryset if page is None else page)
        if query.validated_data.get("include") == "items":
            selectors.with_api_items(reports)
        else:
            selectors.with_api_totals(reports)
        data = ReportListEntrySerializer(reports, many=True, context=self.get_serializer_context()).data
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
                if "summary" in data or "needs" in data or data.get("items"):
                    report = services.report_save(
                        report=report,
                        by=request.user,
                        revision=report.revision,
                        summary=data.get("summary"),
                        needs=data.get("needs"),
                        items=[_item_change(i, intervention_id=i["intervention"].pk) for i in data.get("items", [])],
                    )
        except (problems.ReportError, problems.ReportConflict) as error:
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
                needs=data.get("needs"),
                items=[_item_change(i, intervention_id=i["intervention"].pk) for i in data.get("items", [])],
            )
        except (problems.ReportError, problems.ReportConflict) as error:
            return _error_response(error)
        return self._answer(report)

    @extend_schema(
        summary="Submit a report",
        description="Hand the report in for review; it is then read-only for the municipality. 400 when an "
        "item's participants or spending is still null (0 is an answer, null is not), or when the report is "
        "empty (no item with participants, activities or spending); 409 when it is not a draft or returned "
        "report, or changed since the given revision.",
        request=ReportSubmitSerializer,
        responses={
            200: ReportSerializer,
            400: OpenApiResponse(description="A figure is not filled in, or the report is empty."),
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
        except (problems.ReportError, problems.ReportConflict) as error:
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
        except (problems.ReportError, problems.ReportConflict) as error:
            return _error_response(error)
        fresh = self.get_queryset().select_related("report").get(pk=item.pk)
        return Response(ReportItemSavedSerializer(fresh).data)
