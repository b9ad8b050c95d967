"""What can go wrong with a report, and how it is told to the user: problems, errors, and state messages.

The services raise these; views, forms and the API turn them into form errors or answers.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext

from interventions.models import Report, ReportingPeriod
from interventions.selectors.report_history import HistoryGroup
from interventions.selectors.reports import period_label


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was sent, tied to a field where possible."""

    message: str
    field: str | None = None
    intervention_id: int | None = None


class ReportError(Exception):
    """What was sent cannot be saved; each problem says why, in the user's language."""

    def __init__(self, *problems: Problem):
        super().__init__("; ".join(str(p.message) for p in problems))
        self.problems = problems


class ReportStateError(ReportError):
    """The report is in a state that does not allow this step (e.g. editing a submitted report)."""


class ReportConflict(Exception):
    """Someone else changed the report after it was loaded; nothing was saved."""

    def __init__(self, *, current: Report, changes: list[HistoryGroup]):
        super().__init__(f"report {current.pk} is at revision {current.revision}")
        self.current = current
        self.changes = changes


def state_message(status: str, action: str) -> str:
    """Why this step cannot be taken on a report in this state."""
    if action in ("save", "submit"):
        read_only: dict[str, str] = {
            Report.Status.SUBMITTED: gettext(
                "Dit verslag is ingediend en wacht op beoordeling door de programmastaf. U kunt het niet meer "
                "wijzigen, tenzij de programmastaf het terugstuurt."
            ),
            Report.Status.ACCEPTED: gettext(
                "Dit verslag is geaccepteerd en daarmee afgesloten. Niemand kan het nog wijzigen; alleen de "
                "programmastaf kan het heropenen."
            ),
        }
        return read_only.get(status, gettext("Dit verslag kan nu niet worden gewijzigd."))
    if action == "review":
        not_reviewable: dict[str, str] = {
            Report.Status.DRAFT: gettext("Dit verslag is nog niet ingediend; er is niets te beoordelen."),
            Report.Status.RETURNED: gettext(
                "Dit verslag is al teruggestuurd naar de gemeente; het wacht op een nieuwe indiening."
            ),
            Report.Status.ACCEPTED: gettext("Dit verslag is al geaccepteerd."),
        }
        return not_reviewable.get(status, gettext("Dit verslag kan nu niet worden beoordeeld."))
    return gettext("Alleen een geaccepteerd verslag kan worden heropend.")


def period_closed_message(period: ReportingPeriod, on: datetime.date) -> str:
    if on < period.opens_on:
        return gettext("De periode %(period)s is nog niet open; u kunt vanaf %(date)s een verslag beginnen.") % {
            "period": period_label(period),
            "date": formats.date_format(period.opens_on, "j F Y"),
        }
    # Not open and not before its opening: the period has a closing date, and it has passed.
    assert period.closes_on is not None
    return gettext("De periode %(period)s is gesloten sinds %(date)s; u kunt er geen verslag meer over beginnen.") % {
        "period": period_label(period),
        "date": formats.date_format(period.closes_on, "j F Y"),
    }


def duplicate_message(period: ReportingPeriod) -> str:
    return gettext(
        "Er is al een verslag van uw gemeente over %(period)s. Open dat verslag in uw werkplek om verder te gaan."
    ) % {"period": period_label(period)}
