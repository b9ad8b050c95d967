"""The columns of the budget, the advice log and the KPI measurements as files: the page's columns, in its
words, and what the page shows beside them (who, when) as columns of their own."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.display.budget import YearTable
from analysis.display.format import dashboard_title
from core.exports import Column, person


def _action_line(obj) -> str | None:
    line = obj.action_line
    return f"{line.code} {line.label}" if line else None


EXPENDITURE_COLUMNS = [
    Column(_("Datum"), lambda item: item.date),
    Column(_("Bron"), lambda item: item.source),
    Column(_("Omschrijving"), lambda item: item.description),
    Column(_("Actielijn"), lambda item: _action_line(item) or gettext("Overig")),
    Column(_("Soort"), lambda item: item.get_kind_display()),
    Column(_("Bedrag"), lambda item: item.amount),
    Column(_("Vastgelegd door"), lambda item: person(item.recorded_by)),
]


def _about(advice) -> str | None:
    if advice.dashboard:
        return dashboard_title(advice.dashboard)
    if advice.analysis:
        return gettext("Jaaranalyse %(year)s, versie %(version)s") % {
            "year": advice.analysis.year,
            "version": advice.analysis.version,
        }
    return None


ADVICE_COLUMNS = [
    Column(_("Onderwerp"), lambda advice: advice.subject),
    Column(_("Opvolging"), lambda advice: advice.get_follow_up_display()),
    Column(_("Soort advies"), lambda advice: advice.get_kind_display()),
    Column(_("Van"), lambda advice: person(advice.author)),
    Column(_("Gegeven op"), lambda advice: advice.given_at),
    Column(_("Dashboard of jaaranalyse"), _about),
    Column(_("Actielijn"), _action_line),
    Column(_("KPI"), lambda advice: f"{advice.kpi.code} {advice.kpi.label}" if advice.kpi else None),
    Column(_("Advies"), lambda advice: advice.text),
    Column(_("Reactie van het programma"), lambda advice: advice.response),
    Column(_("Gereageerd door"), lambda advice: person(advice.responded_by)),
    Column(_("Gereageerd op"), lambda advice: advice.responded_at),
]

MEASUREMENT_COLUMNS = [
    Column(_("Actielijn"), lambda m: f"{m.kpi.action_line.code} {m.kpi.action_line.label}"),
    Column(_("Code"), lambda m: m.kpi.code),
    Column(_("KPI"), lambda m: m.kpi.label),
    Column(_("Peildatum"), lambda m: m.measured_on),
    Column(_("Waarde"), lambda m: m.value),
    Column(_("Eenheid"), lambda m: m.kpi.get_unit_display()),
    Column(_("Toelichting"), lambda m: m.note),
    Column(_("Vastgelegd op"), lambda m: m.recorded_at),
    Column(_("Vastgelegd door"), lambda m: person(m.recorded_by)),
    Column(_("Ingetrokken op"), lambda m: m.withdrawn_at),
    Column(_("Reden van intrekking"), lambda m: m.withdrawal_reason),
]

# The budget position: one row per year and action line, the year's total after its lines.
BUDGET_COLUMNS = [
    Column(_("Jaar"), lambda pair: pair[0].year),
    Column(_("Actielijn"), lambda pair: pair[1].label),
    Column(_("Begroot"), lambda pair: pair[1].cell.planned),
    Column(
        _("Grondslag begroting"),
        lambda pair: None
        if pair[1].is_total
        else gettext("ingevoerd")
        if pair[1].cell.entered
        else gettext("naar rato"),
    ),
    Column(_("Verplicht"), lambda pair: pair[1].cell.committed),
    Column(_("Uitgegeven"), lambda pair: pair[1].cell.spent),
    Column(_("Nog beschikbaar"), lambda pair: pair[1].cell.available),
    Column(_("Uitgegeven (% van begroot)"), lambda pair: pair[1].spent_share),
]


def budget_rows(tables: list[YearTable]) -> list[tuple]:
    """The rows of the year tables of the budget page, each with its year: (table, row)."""
    return [(table, row) for table in tables for row in table.rows]
