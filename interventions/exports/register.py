"""The columns of the register's intervention and evaluation lists as files: the page's columns, in its words."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column

INTERVENTION_COLUMNS = [
    Column(_("Interventie"), lambda intervention: intervention.name),
    Column(_("Eigenaar"), lambda intervention: intervention.owner.name if intervention.owner else None),
    Column(_("Fase"), lambda intervention: intervention.get_stage_display()),
    Column(_("Ontwikkeld op"), lambda intervention: intervention.developed_on),
    Column(_("Mate van bewijs"), lambda intervention: intervention.get_evidence_level_display()),
    Column(_("Evaluaties"), lambda intervention: intervention.evaluation_count),
    Column(_("Openbaar"), lambda intervention: intervention.is_public),
]

EVALUATION_COLUMNS = [
    Column(_("Evaluatie"), lambda evaluation: evaluation.title),
    Column(_("Interventie"), lambda evaluation: evaluation.intervention.name),
    Column(_("Soort"), lambda evaluation: evaluation.get_kind_display()),
    Column(_("Evaluator"), lambda evaluation: evaluation.evaluator.name if evaluation.evaluator else None),
    Column(_("Status"), lambda evaluation: evaluation.get_status_display()),
    Column(_("Gestart op"), lambda evaluation: evaluation.started_on),
    Column(_("Afgerond op"), lambda evaluation: evaluation.completed_on),
    Column(_("Openbaar"), lambda evaluation: evaluation.is_public),
]
