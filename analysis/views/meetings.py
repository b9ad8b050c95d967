"""The dashboards presented at a meeting of the advisory board: set here, on the analysis side.

The meeting's own page (agenda) shows them through the reverse relation, so agenda needs
nothing from analysis.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from analysis.forms.meetings import MeetingDashboardsForm
from analysis.permissions.dashboards import can_prepare_dashboards
from analysis.selectors import meetings as selectors
from analysis.services.meetings import meeting_dashboards_set
from core.access import READ_WRITE, gate
from core.register import render_register_form


def board_meeting_or_404(request: HttpRequest, pk: int) -> Event:
    try:
        return selectors.board_meeting(pk=pk)
    except (ObjectDoesNotExist, ValueError, OverflowError):
        raise Http404 from None


@gate(can_prepare_dashboards, methods=READ_WRITE, load=board_meeting_or_404)
def meeting_dashboards(request: HttpRequest, meeting: Event) -> HttpResponse:
    form = MeetingDashboardsForm(
        request.POST if request.method == "POST" else None,
        initial={"dashboards": list(meeting.dashboards_presented.all())},
    )
    if form.is_valid():
        meeting_dashboards_set(meeting=meeting, dashboards=form.cleaned_data["dashboards"], by=request.user)
        messages.success(
            request, gettext("De gepresenteerde dashboards van %(meeting)s zijn opgeslagen.") % {"meeting": meeting}
        )
        return redirect(meeting.get_absolute_url())
    return render_register_form(
        request,
        form=form,
        title=_("Gepresenteerde dashboards"),
        object=meeting,
        back_url=meeting.get_absolute_url(),
        root=(_("Activiteiten"), reverse("agenda:records_index")),
        crumbs=[(_("Bijeenkomsten"), reverse("agenda:event_list")), (meeting.title, meeting.get_absolute_url())],
    )
