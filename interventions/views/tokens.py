"""API keys: a municipality user's own keys, and the staff's overview of which keys exist.

A key gives the same rights as its owner, so only the owner makes one; the secret is shown once,
in the answer to the request that made it, and kept nowhere (see core.tokens).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core import tokens
from core.access import READ, READ_WRITE, gate, submitted, visible_or_404
from core.audit import client_address, log_security_event
from core.models import ApiToken
from interventions.forms.reports import ApiTokenForm
from interventions.permissions import reports as permissions


def _own_token(request: HttpRequest, pk: int) -> ApiToken:
    return visible_or_404(tokens.tokens_of(user=request.user), pk=pk)  # type: ignore[arg-type]


@gate(permissions.can_have_api_tokens, methods=READ_WRITE)
@never_cache
def my_api_tokens(request: HttpRequest) -> HttpResponse:
    """A municipality user's own keys: make one (its secret shown once), see and revoke them."""
    form = ApiTokenForm(submitted(request))
    new_token, secret, status = None, None, 200
    if request.method == "POST":
        if form.is_valid():
            new_token, secret = tokens.token_create(
                by=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                address=client_address(request),
            )
            log_security_event("token.created", request=request, token=new_token.name, token_id=new_token.pk)
            form = ApiTokenForm()
        else:
            status = 400
    own = list(tokens.tokens_of(user=request.user))  # type: ignore[arg-type]
    return render(
        request,
        "interventions/tokens/mine.html",
        {
            "form": form,
            "tokens": own,
            "new_token": new_token,
            "secret": secret,
            "has_replaced": any(token.replaced for token in own),
            "breadcrumbs": [
                (_("Mijn gemeente"), reverse("interventions:workspace")),
                (_("Mijn API-sleutels"), None),
            ],
        },
        status=status,
    )


@gate(permissions.can_have_api_tokens, methods=("POST",), load=_own_token)
def my_api_token_revoke(request: HttpRequest, token: ApiToken) -> HttpResponse:
    """Revoke one of one's own keys; it stops working at once and is not replaced."""
    if token.revoked_at is None:
        tokens.token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
        log_security_event("token.revoked", request=request, token=token.name, token_id=token.pk)
        messages.success(request, _("De sleutel ‘%(name)s’ is ingetrokken en werkt niet meer.") % {"name": token.name})
    return redirect("interventions:my_api_tokens")


@gate(permissions.can_review_reports, methods=READ)
@never_cache
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Staff see which keys exist, whose they are and when each was last used; never a secret."""
    return render(
        request,
        "interventions/tokens/overview.html",
        {
            "tokens": list(tokens.token_overview()),
            "breadcrumbs": [
                (_("Verslagen"), reverse("interventions:report_overview")),
                (_("API-sleutels van gemeenten"), None),
            ],
        },
    )
