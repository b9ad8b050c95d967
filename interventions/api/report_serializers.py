"""Serializers of the reports API: what a report, its items, outcomes and attachments look like in JSON."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agenda.models import ProtectiveFactor
from core.api_fields import CodeRelatedField
from interventions.models import Report, ReportAttachment, ReportingPeriod, ReportItem
from interventions.services import reports as services
from municipalities.models import Municipality


class ReportMunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["cbs_code", "name"]


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "half", "opens_on", "deadline", "closes_on"]


class ReportItemOutcomeSerializer(serializers.Serializer):
    protective_factor = CodeRelatedField(
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
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Spending in euros this half-year; null while not filled in (0 means nothing was spent).",
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
            "participants_total": {
                "required": False,
                "help_text": "Participants reached, all ages; null while not filled in (0 means nobody).",
            },
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
            "spending": None if row["spending"] is None else f"{row['spending']:.2f}",
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


# Who did a step: their full name, or null while nobody has (a draft is neither submitted nor reviewed).
PERSON = serializers.CharField(allow_null=True)


class ReportSummarySerializer(serializers.ModelSerializer):
    """A report with the sums of its items but not the items: what the list shows unless asked for more.

    A page of reports has a fixed size; the items of its reports do not (an item per intervention that
    runs in the municipality). The items have their own list, ``items_url``.
    """

    municipality = ReportMunicipalitySerializer(read_only=True)
    period = ReportingPeriodSerializer(read_only=True)
    created_by = serializers.SerializerMethodField()
    submitted_by = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()
    item_count = serializers.SerializerMethodField(help_text="How many items the report has: one per intervention.")
    participants_total = serializers.SerializerMethodField(
        help_text="Participants reached, summed over the items whose figure is filled in."
    )
    total_spending = serializers.SerializerMethodField(
        help_text="Spending in euros, summed over the items whose figure is filled in."
    )
    items_url = serializers.SerializerMethodField(help_text="The list of the report's items.")
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
            "needs",
            "return_comment",
            "created_by",
            "created_at",
            "updated_at",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "item_count",
            "participants_total",
            "total_spending",
            "items_url",
            "attachments",
        ]
        read_only_fields = fields

    @extend_schema_field(PERSON)
    def get_created_by(self, report: Report) -> str | None:
        return _person(report.created_by)

    @extend_schema_field(PERSON)
    def get_submitted_by(self, report: Report) -> str | None:
        return _person(report.submitted_by)

    @extend_schema_field(PERSON)
    def get_reviewed_by(self, report: Report) -> str | None:
        return _person(report.reviewed_by)

    def get_item_count(self, report: Report) -> int:
        return report.api_totals.items

    def get_participants_total(self, report: Report) -> int:
        return report.api_totals.participants

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_total_spending(self, report: Report) -> str:
        return f"{report.api_totals.spending:.2f}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_items_url(self, report: Report) -> str:
        url = reverse("interventions_api:report-item-list", kwargs={"report_pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


def _items(report: Report) -> list[dict]:
    return [ReportItemSerializer.from_row(row) for row in report.api_items]


@extend_schema_field(ReportItemSerializer(many=True))
class ItemsWhenRead(serializers.Field):
    """The report's items, present only when they were read (``?include=items``).

    Neither read-only nor required, so the schema lists the field without requiring it; the
    serializer is only ever used to write answers.
    """

    def get_attribute(self, report: Report):
        return report if hasattr(report, "api_items") else None

    def to_representation(self, report: Report) -> list[dict]:
        return _items(report)

    def to_internal_value(self, data):  # pragma: no cover - answers only
        raise NotImplementedError


class ReportListEntrySerializer(ReportSummarySerializer):
    items = ItemsWhenRead(required=False, help_text="Only with `include=items`: the items, as in the report itself.")

    class Meta(ReportSummarySerializer.Meta):
        fields = [*ReportSummarySerializer.Meta.fields, "items"]
        read_only_fields = ReportSummarySerializer.Meta.fields

    def to_representation(self, report: Report) -> dict:
        data = super().to_representation(report)
        if data["items"] is None:
            del data["items"]
        return data


class ReportSerializer(ReportSummarySerializer):
    """A report with everything: its items, outcomes and attachments."""

    items = serializers.SerializerMethodField()

    class Meta(ReportSummarySerializer.Meta):
        fields = [*ReportSummarySerializer.Meta.fields, "items"]
        read_only_fields = fields

    @extend_schema_field(ReportItemSerializer(many=True))
    def get_items(self, report: Report) -> list[dict]:
        return _items(report)


class ReportCreateSerializer(serializers.Serializer):
    period = serializers.PrimaryKeyRelatedField(
        queryset=ReportingPeriod.objects.all(), help_text="Id of an open reporting period."
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    needs = serializers.CharField(
        required=False, allow_blank=True, help_text="The municipality's needs and questions to the programme."
    )
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
    needs = serializers.CharField(
        required=False, allow_blank=True, help_text="The municipality's needs and questions to the programme."
    )
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
