"""Demo: what municipalities ask the programme in their reports, and how staff answered.

Deterministic without the shared random generator, so the rest of the demo stays as it is.
"""

from datetime import timedelta

from core.history import save_with_history
from interventions.models import NeedResponse, NeedTag, Report

# (the need, its fixed tags, the answer or "" for an open need, a follow-up or "")
NEEDS = (
    (
        "Wij zoeken een training voor jongerenwerkers over gesprekken bij polarisatie. (Voorbeeld.)",
        ["Kennis en onderzoek", "Interventies"],
        "De learning community wijdt de sessie van maart aan dit onderwerp; u krijgt een uitnodiging.",
        "Op de agenda van de learning community gezet.",
    ),
    (
        "Mogen wij een deel van de uitkering in het volgende jaar besteden? (Voorbeeld.)",
        ["Uitkering en financiën"],
        "Ja, binnen de looptijd van de uitkering; vermeld het in uw SiSa-verantwoording.",
        "",
    ),
    (
        "Wij willen graag in contact komen met gemeenten die ook met sleutelfiguren werken. (Voorbeeld.)",
        ["Samenwerking en netwerk"],
        "",
        "",
    ),
    (
        "Is er een voorbeeld van een effectevaluatie die wij kunnen gebruiken? (Voorbeeld.)",
        ["Kennis en onderzoek", "Verantwoording en verslag"],
        "In de catalogus staan evaluaties per interventie; de toolkit Evidence Based Werken helpt bij de opzet.",
        "Toolkit aangevuld met een voorbeeldopzet.",
    ),
)
EVERY = 4  # one report in four carries needs


def needs_text(position: int) -> str:
    """The needs of the demo report at `position` among the handed-in reports, or none."""
    return NEEDS[(position // EVERY) % len(NEEDS)][0] if position % EVERY == 0 else ""


def load(*, reports: list[Report], users: dict) -> list[NeedResponse]:
    staff = users["staf"]
    tags = {tag.name: tag for tag in NeedTag.objects.filter(is_fixed=True)}
    texts = {need[0]: need for need in NEEDS}
    responses = []
    for report in reports:
        if not report.needs or report.submitted_at is None:
            continue
        _text, tag_names, answer, follow_up = texts[report.needs]
        status = NeedResponse.Status.OPEN
        if answer:
            status = NeedResponse.Status.FOLLOWED_UP if follow_up else NeedResponse.Status.ANSWERED
        response = NeedResponse(
            report=report,
            status=status,
            answer=answer,
            follow_up=follow_up,
            answered_by=staff if answer else None,
            answered_at=report.submitted_at + timedelta(days=10) if answer else None,
        )
        responses.append(save_with_history(instance=response, by=staff, m2m={"tags": [tags[n] for n in tag_names]}))
    return responses
