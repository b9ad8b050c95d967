"""The programme switcher in the header: staff and the board choose which programme the pages show."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from agenda import services
from agenda.permissions import can_switch_programme
from agenda.selectors import PROGRAMME_PARAMETER, programme_list
from core.access import gate


def address_with_programme(address: str, code: str) -> str:
    """The same page in another programme: the programme in the address, so that the page can be linked."""
    parts = urlsplit(address)
    query = QueryDict(parts.query, mutable=True)
    query[PROGRAMME_PARAMETER] = code
    # A page number or a date of the other programme means nothing in this one.
    for stale in ("page", "as_of"):
        query.pop(stale, None)
    return urlunsplit(("", "", parts.path, urlencode(query, doseq=True), ""))


@gate(can_switch_programme, methods=("POST",))
def programme_choose(request: HttpRequest) -> HttpResponse:
    """Remember the chosen programme for this user and show the page they came from in it."""
    back = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    programme = programme_list().filter(code=request.POST.get(PROGRAMME_PARAMETER, "")).first()
    if programme is None:
        return redirect(back)
    services.programme_choose(user=request.user, programme=programme)
    return redirect(address_with_programme(back, programme.code))
