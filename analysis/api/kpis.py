"""Read API of the KPIs (value as of a date, status, target, trend, what they count), the budget and expenditures.

Programme staff only, as on the pages. The figures come from analysis.kpis and
analysis.budget, the date is checked by the same form as on the pages, and the
lists are filtered with the same FilterSets.
"""

import datetime

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.models import Expenditure, Kpi, Programme
from agenda.selectors import selected_programme
from analysis import kpis
from analysis.budget import BudgetCell, BudgetPosition, budget_position
from analysis.filters.kpis import ExpenditureFilter, KpiFilter
from analysis.forms.kpis import AsOfForm
from analysis.permissions.kpis import can_view_budget, can_view_kpis
from analysis.selectors import budget as budget_selectors
from analysis.selectors import kpis as selectors
from core.tokens import ApiTokenAuthentication

AUTHENTICATION = [ApiTokenAuthentication, SessionAuthentication]

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The date the figures are computed for (YYYY-MM-DD), from the programme's start up to today. "
    "Default: today, or the programme's last day once it has ended. A bad date gives a 400 with a message.",
)
PROGRAMME = OpenApiParameter(
    "programme",
    OpenApiTypes.STR,
    description="Code of the programme, e.g. agenda-2023-2025. Default: the latest programme that has started.",
)
BAD_DATE = OpenApiResponse(description="The date or a filter is not valid; the body says why, per parameter.")


class CanViewKpis(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_kpis(request.user)


class CanViewBudget(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_budget(request.user)


def programme_and_date(request) -> tuple[Programme, datetime.date]:
    """The programme and date asked for, checked by the pages' form; a 400 with its messages otherwise."""
    form = AsOfForm(request.query_params, today=timezone.localdate(), programme=selected_programme(request))
    programme, as_of = form.choice()
    if form.errors:
        raise exceptions.ValidationError(form.errors)
    if programme is None:
        raise exceptions.NotFound("There is no programme yet.")
    return programme, as_of


class ProgrammeFilterBackend(DjangoFilterBackend):
    """The pages' FilterSets, given the programme the view works on."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "programme": getattr(view, "programme", None)}


# Serializers --------------------------------------------------------------------


def _decimal(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, **kwargs)


class KpiTrendPointSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="The last day of a half-year, or the date asked for.")
    value = _decimal(allow_null=True, help_text="The value on that date; null: no data (never 0 for unknown).")


class KpiResultSerializer(serializers.Serializer):
    code = serializers.CharField(source="kpi.code")
    name = serializers.CharField(source="kpi.label")
    action_line = serializers.CharField(source="kpi.action_line.code")
    target = _decimal(source="kpi.target")
    unit = serializers.ChoiceField(source="kpi.unit", choices=Kpi.Unit.choices)
    period = serializers.ChoiceField(source="kpi.period", choices=Kpi.Period.choices)
    deadline = serializers.DateField(source="kpi.deadline", allow_null=True)
    measure = serializers.CharField(source="kpi.measure", help_text="A measure the portal computes, or 'manual'.")
    as_of = serializers.DateField()
    value = _decimal(allow_null=True, help_text="The actual value on as_of; null means no data, not zero.")
    status = serializers.ChoiceField(choices=[(code, str(label)) for code, label in kpis.Status.choices])
    status_label = serializers.CharField()
    progress = serializers.DecimalField(
        max_digits=8, decimal_places=4, allow_null=True, help_text="Value divided by target (1 = target reached)."
    )
    expected_share = serializers.DecimalField(
        max_digits=6,
        decimal_places=4,
        help_text="The straight line from the start of the period to its end, on as_of (0 to 1).",
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    error = serializers.CharField(help_text="Why the KPI cannot be computed, if it cannot.")
    trend = serializers.SerializerMethodField()

    @extend_schema_field(KpiTrendPointSerializer(many=True))
    def get_trend(self, result: kpis.KpiResult) -> list[dict]:
        return KpiTrendPointSerializer([{"date": day, "value": value} for day, value in result.trend], many=True).data


class CountedSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="intervention, municipality, organisation, partnership, event, ...")
    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()
    reason = serializers.CharField(help_text="Why this object counts, in words.")


class BudgetCellSerializer(serializers.Serializer):
    planned = _decimal()
    committed = _decimal(help_text="Commitments, grants included.")
    spent = _decimal()
    available = _decimal(help_text="Planned minus committed minus spent.")


class BudgetYearSerializer(BudgetCellSerializer):
    year = serializers.IntegerField()


class BudgetRowSerializer(serializers.Serializer):
    action_line = serializers.CharField(allow_null=True, help_text="Code of the action line; null: other costs.")
    name = serializers.CharField()
    years = BudgetYearSerializer(many=True)
    total = BudgetCellSerializer()
    outruns_time = serializers.BooleanField(help_text="Spending runs ahead of the share of a year that has passed.")


class TimeShareSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=6, decimal_places=4)


class SpendingWarningSerializer(serializers.Serializer):
    name = serializers.CharField()
    year = serializers.IntegerField()
    spent_share = serializers.DecimalField(max_digits=8, decimal_places=4)
    time_share = serializers.DecimalField(max_digits=6, decimal_places=4)


class BudgetPositionSerializer(serializers.Serializer):
    programme = serializers.CharField()
    as_of = serializers.DateField()
    years = serializers.ListField(child=serializers.IntegerField())
    time_share = TimeShareSerializer(many=True)
    rows = BudgetRowSerializer(many=True)
    year_totals = BudgetYearSerializer(many=True)
    total = BudgetCellSerializer()
    warnings = SpendingWarningSerializer(many=True)


def _cell(cell: BudgetCell, **extra) -> dict:
    return {
        "planned": cell.planned,
        "committed": cell.committed,
        "spent": cell.spent,
        "available": cell.available,
        **extra,
    }


def budget_data(programme: Programme, position: BudgetPosition) -> dict:
    return {
        "programme": programme.code,
        "as_of": position.as_of,
        "years": position.years,
        "time_share": [{"year": year, "share": share} for year, share in position.time_share.items()],
        "rows": [
            {
                "action_line": row.action_line.code if row.action_line else None,
                "name": row.label,
                "years": [_cell(cell, year=year) for year, cell in row.years.items()],
                "total": _cell(row.total),
                "outruns_time": row.outruns_time,
            }
            for row in position.rows
        ],
        "year_totals": [_cell(cell, year=year) for year, cell in position.year_totals.items()],
        "total": _cell(position.total),
        "warnings": [
            {"name": w.label, "year": w.year, "spent_share": w.spent_share, "time_share": w.time_share}
            for w in position.warnings
        ],
    }


class ExpenditureApiSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    action_line = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = Expenditure
        fields = ["id", "programme", "action_line", "kind", "amount", "date", "source", "description", "recorded_by"]

    def get_recorded_by(self, expenditure: Expenditure) -> str:
        user = expenditure.recorded_by
        return (user.get_full_name() or user.get_username()) if user else ""


# Views --------------------------------------------------------------------------


class MembersPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


@extend_schema_view(
    list=extend_schema(
        summary="All KPIs of a programme as of a date",
        parameters=[AS_OF, PROGRAMME],
        responses={200: KpiResultSerializer(many=True), 400: BAD_DATE},
    ),
    retrieve=extend_schema(
        summary="One KPI as of a date",
        parameters=[AS_OF, PROGRAMME],
        responses={200: KpiResultSerializer, 400: BAD_DATE},
    ),
)
class KpiViewSet(viewsets.GenericViewSet):
    """KPIs with their actual value as of a date, status, target and trend over the programme's half-years."""

    authentication_classes = AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, CanViewKpis]
    filter_backends = [ProgrammeFilterBackend]
    filterset_class = KpiFilter
    serializer_class = KpiResultSerializer
    pagination_class = None
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]+"
    programme: Programme | None = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.programme is None:
            return Kpi.objects.none()
        return selectors.kpi_list(programme=self.programme)

    def _start(self, request) -> datetime.date:
        self.programme, as_of = programme_and_date(request)
        return as_of

    def _results(self, queryset, as_of: datetime.date) -> list[kpis.KpiResult]:
        return kpis.evaluate_all(queryset, as_of, trend_dates=kpis.half_year_ends(self.programme.starts_on, as_of))

    def _kpi(self, code: str) -> Kpi:
        kpi = self.get_queryset().filter(code=code).first()
        if kpi is None:
            raise exceptions.NotFound()
        return kpi

    def list(self, request):
        as_of = self._start(request)
        queryset = self.filter_queryset(self.get_queryset())
        return Response(KpiResultSerializer(self._results(queryset, as_of), many=True).data)

    def retrieve(self, request, code=None):
        as_of = self._start(request)
        return Response(KpiResultSerializer(self._results([self._kpi(code)], as_of)[0]).data)

    @extend_schema(
        summary="Exactly which objects a KPI counts as of a date, and why",
        description="For a manual KPI: the measurements that apply. The number of members of a computed KPI "
        "equals its value.",
        parameters=[AS_OF, PROGRAMME],
        responses={200: CountedSerializer(many=True), 400: BAD_DATE},
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=MembersPagination)
    def members(self, request, code=None):
        as_of = self._start(request)
        counted = kpis.members(self._kpi(code), as_of)
        page = self.paginate_queryset(counted)
        return self.get_paginated_response(CountedSerializer(page, many=True).data)


@extend_schema(
    summary="The budget position as of a date",
    description="Planned, committed and spent per action line and year; grants count as commitments, spread "
    "evenly over their years.",
    parameters=[AS_OF, PROGRAMME],
    responses={200: BudgetPositionSerializer, 400: BAD_DATE},
)
class BudgetView(APIView):
    authentication_classes = AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, CanViewBudget]

    def get(self, request):
        programme, as_of = programme_and_date(request)
        position = budget_position(programme=programme, as_of=as_of)
        return Response(BudgetPositionSerializer(budget_data(programme, position)).data)


@extend_schema_view(
    list=extend_schema(summary="Expenditures of a programme, newest first", parameters=[PROGRAMME]),
    retrieve=extend_schema(summary="One expenditure"),
)
class ExpenditureViewSet(viewsets.ReadOnlyModelViewSet):
    """Money committed or spent outside the grants, as staff entered it; filtered like the budget page."""

    authentication_classes = AUTHENTICATION
    permission_classes = [permissions.IsAuthenticated, CanViewBudget]
    filter_backends = [ProgrammeFilterBackend]
    filterset_class = ExpenditureFilter
    serializer_class = ExpenditureApiSerializer

    programme: Programme | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.programme = selected_programme(request)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Expenditure.objects.none()
        if self.action == "retrieve":
            return Expenditure.objects.select_related("programme", "action_line", "recorded_by")
        if self.programme is None:
            return Expenditure.objects.none()
        return budget_selectors.expenditure_list(programme=self.programme).select_related("programme")
