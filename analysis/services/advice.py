"""Writes of the advisory board's advice: recording it, the programme's response, and the conversation about it.

The conversation is a thread of messages on the advice: each response of the programme
(with the follow-up it gave) and each reply of the board. Every write tells the other
side through core.notifications, queued with the outbox after the change commits.
"""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Kpi
from analysis.models import Advice, AdviceMessage, AnnualAnalysis, Dashboard
from core import outbox

TEXT_REQUIRED = _("Schrijf uw advies op: een advies zonder tekst kan niet worden vastgelegd.")


def advice_record(
    *,
    by: User,
    dashboard: Dashboard | None = None,
    analysis: AnnualAnalysis | None = None,
    kind: str,
    subject: str,
    text: str,
    action_line: ActionLine | None = None,
    kpi: Kpi | None = None,
) -> Advice:
    """Record a board member's advice on a published dashboard (optionally about an action line or a KPI), or on a
    finished version of the annual analysis that is not yet published (a draft the board reads)."""
    errors = {}
    if not text.strip():
        errors["text"] = str(TEXT_REQUIRED)
    if not subject.strip():
        errors["subject"] = gettext("Geef uw advies een onderwerp.")
    if kind not in Advice.Kind.values:
        errors["kind"] = gettext("Kies of het advies gevraagd of ongevraagd is.")
    programme_id: int | None
    if analysis is not None:
        if analysis.published_at is not None or analysis.status != AnnualAnalysis.Status.DONE:
            errors["analysis"] = gettext("Advies bij de jaaranalyse hoort bij een afgeronde conceptversie.")
        programme_id = analysis.programme_id
    elif dashboard is None or dashboard.status != Dashboard.Status.PUBLISHED:
        errors["dashboard"] = gettext("Advies hoort bij een gepubliceerd dashboard.")
        programme_id = dashboard.programme_id if dashboard else None
    else:
        programme_id = dashboard.programme_id
    if action_line and action_line.programme_id != programme_id:
        errors["action_line"] = gettext("Deze actielijn hoort niet bij het programma van het dashboard.")
    if kpi and kpi.programme_id != programme_id:
        errors["kpi"] = gettext("Deze KPI hoort niet bij het programma van het dashboard.")
    elif kpi and action_line and kpi.action_line_id != action_line.pk:
        errors["kpi"] = gettext("KPI %(code)s hoort bij actielijn %(line)s, niet bij de gekozen actielijn.") % {
            "code": kpi.code,
            "line": kpi.action_line.code,
        }
    if errors:
        raise ValidationError(errors)
    advice = Advice(
        dashboard=dashboard,
        analysis=analysis,
        author=by,
        kind=kind,
        subject=subject.strip(),
        text=text.strip(),
        action_line=action_line or (kpi.action_line if kpi else None),
        kpi=kpi,
    )
    tracked: Any = advice  # simple-history reads _history_user, set at run time
    tracked._history_user = by
    with transaction.atomic():
        advice.save()
        from analysis.tasks.advice import notify_advice_given

        outbox.send_on_commit(notify_advice_given, advice.pk)
    return advice


def advice_respond(*, advice: Advice, by: User, follow_up: str, response: str) -> Advice:
    """Record what the programme does with an advice; every change stays in its history."""
    response = response.strip()
    if follow_up not in Advice.FollowUp.values:
        raise ValidationError({"follow_up": gettext("Kies hoe het advies wordt opgevolgd.")})
    if follow_up == Advice.FollowUp.NOT_TAKEN_UP and not response:
        raise ValidationError(
            {"response": gettext("Leg uit waarom het advies niet wordt overgenomen: de klankbordgroep leest dit.")}
        )
    if follow_up != Advice.FollowUp.OPEN and not response:
        raise ValidationError(
            {"response": gettext("Schrijf de reactie van het programma; zonder reactie blijft het advies open.")}
        )
    with transaction.atomic():
        locked = Advice.objects.select_for_update().get(pk=advice.pk)
        if locked.follow_up == follow_up and locked.response == response:
            return locked
        answered = bool(response) and locked.response != response
        locked.follow_up = follow_up
        locked.response = response
        locked.responded_by = by
        locked.responded_at = timezone.now()
        tracked: Any = locked  # simple-history reads _history_user, set at run time
        tracked._history_user = by
        locked.save()
        if answered:
            # A new or changed response is the programme's next word in the conversation.
            _add_message(advice=locked, by=by, side=AdviceMessage.Side.PROGRAMME, text=response, follow_up=follow_up)
    return locked


def advice_reply(*, advice: Advice, by: User, text: str) -> AdviceMessage:
    """A board member's reply to the programme's response; staff are told. Only once the programme answered."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": gettext("Schrijf uw reactie op: een lege reactie kan niet worden geplaatst.")})
    with transaction.atomic():
        locked = Advice.objects.select_for_update().get(pk=advice.pk)
        if not locked.response:
            raise ValidationError(
                gettext("U kunt reageren zodra het programma op dit advies heeft geantwoord."), code="not_answered"
            )
        return _add_message(advice=locked, by=by, side=AdviceMessage.Side.BOARD, text=text)


def _add_message(*, advice: Advice, by: User, side: str, text: str, follow_up: str = "") -> AdviceMessage:
    from analysis.tasks.advice import notify_advice_message

    message = AdviceMessage(advice=advice, author=by, side=side, text=text, follow_up=follow_up)
    tracked: Any = message  # simple-history reads _history_user, set at run time
    tracked._history_user = by
    message.save()
    outbox.send_on_commit(notify_advice_message, message.pk)
    return message
