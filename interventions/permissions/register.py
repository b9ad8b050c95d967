"""Who may keep the register of interventions and evaluations, and who may see what in the catalogue."""

from core.access import User
from interventions.models import Evaluation, Intervention
from municipalities.permissions import can_use_register

__all__ = ["can_preview_intervention", "can_read_evaluation_report", "can_use_register"]


def can_preview_intervention(user: User, intervention: Intervention) -> bool:
    """Everyone sees a public intervention; staff also see the ones not (yet) public."""
    return intervention.is_public or can_use_register(user)


def can_read_evaluation_report(user: User, evaluation: Evaluation) -> bool:
    """A public evaluation of a public intervention is for everyone; the rest only for staff."""
    if can_use_register(user):
        return True
    return evaluation.is_public and evaluation.intervention.is_public
