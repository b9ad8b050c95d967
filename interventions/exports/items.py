"""The columns of the report items as a file: who reported, over which half-year, on which intervention,
and every figure of the item, with the same labels as the report form."""

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import ProtectiveFactor
from core.exports import Column
from interventions.models import ReportItem
from interventions.selectors.report_items import factor_key
from interventions.selectors.reports import STATUS_LABELS, period_label

# The item's own figures and texts, in the order of the report form.
ITEM_FIELDS = (
    "participants_total",
    *ReportItem.AGE_BANDS,
    "spending",
    "activities",
    "lessons_learned",
    "notes",
)


def _field(name: str) -> Column:
    label = ReportItem._meta.get_field(name).verbose_name
    return Column(capfirst(label), lambda item: getattr(item, name))


def _rating(factor: ProtectiveFactor) -> Column:
    key = factor_key(factor)
    label = gettext("Resultaat: %(factor)s") % {"factor": factor.label}
    return Column(label, lambda item: getattr(item, key))


def item_columns(factors: list[ProtectiveFactor]) -> list[Column]:
    """The columns of the item export: the report's, the item's fields, then a rating per protective factor."""
    return [
        Column(_("Periode"), lambda item: period_label(item.report.period)),
        Column(_("CBS-code"), lambda item: item.report.municipality.cbs_code),
        Column(_("Gemeente"), lambda item: item.report.municipality.name),
        Column(_("Status"), lambda item: STATUS_LABELS[item.report.status]),
        Column(_("Interventie"), lambda item: item.intervention.name),
        Column(_("Gebied"), lambda item: item.focus_area.name if item.focus_area else None),
        *(_field(name) for name in ITEM_FIELDS),
        *(_rating(factor) for factor in factors),
    ]
