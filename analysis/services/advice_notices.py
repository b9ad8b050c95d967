"""Who hears of the board's advice and the conversation about it (through core.notifications)."""

from django.contrib.auth import get_user_model

from analysis.models import Advice, AdviceMessage
from core import roles
from core.models import Notification
from core.notifications import notify, users_with_role


def advice_given_notify(*, advice_id: int) -> int:
    """New advice: every staff member is told (in the portal, and by e-mail unless they chose otherwise)."""
    advice = Advice.objects.filter(pk=advice_id).first()
    if advice is None:
        return 0
    created = notify(
        kind=Notification.Kind.ADVICE_GIVEN,
        recipients=users_with_role(roles.STAFF),
        params={"subject": advice.subject},
        url=advice.get_absolute_url(),
        key=f"advice-given:{advice.pk}",
    )
    return len(created)


def advice_message_notify(*, message_id: int) -> int:
    """A message in an advice's conversation: the programme's answer goes to the board member who gave the advice
    (and board members who replied in it); a board reply goes to the staff who answered (all staff if none did)."""
    message = AdviceMessage.objects.select_related("advice").filter(pk=message_id).first()
    if message is None:
        return 0
    advice = message.advice
    thread = AdviceMessage.objects.filter(advice=advice, written_at__lte=message.written_at)
    if message.side == AdviceMessage.Side.PROGRAMME:
        kind = Notification.Kind.ADVICE_ANSWERED
        ids = {advice.author_id, *thread.filter(side=AdviceMessage.Side.BOARD).values_list("author_id", flat=True)}
        recipients = [user for user in _users(ids) if roles.is_board_member(user)]
    else:
        kind = Notification.Kind.ADVICE_REPLY
        ids = set(thread.filter(side=AdviceMessage.Side.PROGRAMME).values_list("author_id", flat=True))
        recipients = [user for user in _users(ids) if roles.is_staff_member(user)] or users_with_role(roles.STAFF)
    created = notify(
        kind=kind,
        recipients=recipients,
        params={"subject": advice.subject},
        url=f"{advice.get_absolute_url()}#bericht-{message.pk}",
        key=f"advice-message:{message.pk}",
        actor=message.author,
    )
    return len(created)


def _users(ids: set) -> list:
    return list(
        get_user_model().objects.filter(pk__in=[pk for pk in ids if pk], is_active=True).prefetch_related("groups")
    )
