"""Demo dashboards for the advisory board and its advice, made through the real services.

Three half-years are published on fixed dates, one of them with a correction; each is
presented at the board meeting that follows it (so KPI K09 counts that meeting), and the
board's advice covers every follow-up state.
Texts are marked as examples; the two extra board members are marked "(demo)".
"""

import datetime
import random

from django.contrib.auth.models import Group, User
from django.utils import timezone

from agenda.models import ActionLine, Activity, Event, Kpi, Programme
from analysis import dashboards, demo_lessons
from analysis.models import Advice, AnalysisText, AnnualAnalysis, Dashboard
from analysis.services.advice import advice_record, advice_respond
from analysis.services.dashboards import (
    dashboard_create,
    dashboard_publish,
    dashboard_start_correction,
    dashboard_update_texts,
)
from analysis.services.meetings import meeting_dashboards_set
from analysis.snapshots import active_partnerships
from analysis.texts import chapter_list
from core import roles
from core.halves import half_year_name
from core.history import save_with_history

EXAMPLE = "(Voorbeeldtekst voor de demonstratie van de portal.)"

BOARD_MEMBERS = [
    ("klankbord-wetenschap", "Wendy", "de Wetenschapper (demo)"),
    ("klankbord-vng", "Vincent", "van de VNG (demo)"),
]


def _moment(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def _kpi_value(data: dict, code: str) -> int:
    kpi = next(k for k in data["kpis"] if k["code"] == code)
    return int(float(kpi["value"] or 0))


def _texts(year: int, half: int, data: dict) -> tuple[str, str]:
    """An introduction and highlights that quote the half-year's own figures."""
    developed = _kpi_value(data, "K05")
    evaluated = _kpi_value(data, "K06")
    learning = sum(1 for m in data["municipalities"] if m["learning_community"])
    partnerships = active_partnerships(data["collaboration"])
    half_year = half_year_name(year, half)
    introduction = (
        f"Dit dashboard laat zien waar de Agenda Veerkrachtige & Weerbare Samenleving staat aan het eind van het "
        f"{half_year}. De cijfers komen rechtstreeks uit de portal: de verslagen van gemeenten, het register "
        f"van interventies en de begroting.\n\n"
        f"We vragen de klankbordgroep dit keer in het bijzonder om advies over de evaluatie van interventies "
        f"en over de manier waarop gemeenten van elkaar leren. {EXAMPLE}"
    )
    highlights = "\n".join(
        [
            f"{developed} interventies zijn ontwikkeld, waarvan {evaluated} met een afgeronde evaluatie.",
            f"{learning} gemeenten doen mee aan de learning community.",
            f"{partnerships} samenwerkingsverbanden zijn actief.",
            f"Het programma ligt op koers met de begroting per actielijn. {EXAMPLE}",
        ]
    )
    return introduction, highlights


def _board_members(users: dict) -> list[User]:
    group = Group.objects.get(name=roles.BOARD)
    members = [users["klankbord"]]
    for username, first, last in BOARD_MEMBERS:
        user = User.objects.create_user(
            username=username, first_name=first, last_name=last, email=f"{username}@veerkracht.example"
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(group)
        members.append(user)
    return members


def _publish(programme: Programme, staff: User, year: int, half: int, created: datetime.datetime, at) -> Dashboard:
    draft = dashboard_create(programme=programme, year=year, half=half, by=staff)
    Dashboard.objects.filter(pk=draft.pk).update(created_at=created)
    introduction, highlights = _texts(year, half, dashboards.dashboard_data(draft, today=at.date()))
    dashboard_update_texts(dashboard=draft, by=staff, introduction=introduction, highlights=highlights)
    return dashboard_publish(dashboard=draft, by=staff, at=at, notify=False)


def load(
    *, rng: random.Random, programme: Programme, next_programme: Programme, users: dict, annual_analysis: bool = False
) -> dict:
    """The dashboards and advice in the order of their dates.

    With ``annual_analysis`` the analysis of 2024 is made and published in its place in
    time, in March 2025, so the dashboard of 2025-H1 that follows counts it for KPI K11,
    and the analysis of 2025 (in the multi-year plan) in March 2026. The dashboards of
    2025-H2 and 2026-H1 belong to the multi-year plan ``next_programme``.
    """
    staff = users["staf"]
    members = _board_members(users)
    lessons = demo_lessons.load(users=users)
    first = _publish(programme, staff, 2024, 1, _moment(2024, 8, 26), _moment(2024, 9, 17))
    _present(programme, first, datetime.date(2024, 9, 24), staff)

    # The first publication of 2024-H2 overstated a figure in its highlights; version 2 corrects the text.
    second_draft = dashboard_create(programme=programme, year=2024, half=2, by=staff)
    Dashboard.objects.filter(pk=second_draft.pk).update(created_at=_moment(2025, 1, 27))
    at = _moment(2025, 2, 18)
    data = dashboards.dashboard_data(second_draft, today=at.date())
    introduction, highlights = _texts(2024, 2, data)
    right = f"{_kpi_value(data, 'K05')} interventies zijn ontwikkeld"
    wrong = f"{_kpi_value(data, 'K05') + 3} interventies zijn ontwikkeld"
    dashboard_update_texts(
        dashboard=second_draft, by=staff, introduction=introduction, highlights=highlights.replace(right, wrong)
    )
    second = dashboard_publish(dashboard=second_draft, by=staff, at=at, notify=False)
    correction = dashboard_start_correction(
        dashboard=second,
        by=staff,
        note=(
            f"In de hoogtepunten stond '{wrong}'. Dat moest '{right}' zijn, zoals de KPI-tabel al liet zien. "
            f"Alleen die zin is aangepast; de cijfers zijn opnieuw vastgelegd. {EXAMPLE}"
        ),
    )
    Dashboard.objects.filter(pk=correction.pk).update(created_at=_moment(2025, 3, 3))
    correction.refresh_from_db()
    dashboard_update_texts(
        dashboard=correction,
        by=staff,
        introduction=correction.introduction,
        highlights=correction.highlights.replace(wrong, right),
    )
    second_corrected = dashboard_publish(dashboard=correction, by=staff, at=_moment(2025, 3, 4), notify=False)
    _present(programme, second_corrected, datetime.date(2025, 3, 11), staff)

    lines = {line.code: line for line in ActionLine.objects.filter(programme=programme)}
    kpis = {kpi.code: kpi for kpi in Kpi.objects.filter(programme=programme).select_related("action_line")}
    advice_plan = [
        (
            first,
            members[1],
            Advice.Kind.ASKED,
            "Meer aandacht voor digitale weerbaarheid (demo)",
            "Veel interventies richten zich op ontmoeting in de wijk. Jongeren brengen een groot deel van hun tijd "
            "online door. Wij adviseren het programma om bij de volgende ronde interventies expliciet te vragen naar "
            "digitale weerbaarheid.",
            lines["AL2"],
            None,
            _moment(2024, 10, 1),
            Advice.FollowUp.TAKEN_UP,
            "Overgenomen. In de oproep voor de tweede tranche is digitale weerbaarheid als aandachtspunt opgenomen, "
            "en de catalogus laat interventies op deze beschermende factor nu apart zien.",
            _moment(2024, 11, 12),
        ),
        (
            first,
            members[0],
            Advice.Kind.UNASKED,
            "Betrek jongeren zelf bij de evaluaties (demo)",
            "De evaluaties kijken vooral naar de uitvoering door professionals. Laat jongeren en ouders zelf "
            "meebeoordelen wat een interventie hen heeft opgeleverd.",
            lines["AL2"],
            kpis["K06"],
            _moment(2024, 10, 8),
            Advice.FollowUp.PARTLY,
            "Deels overgenomen. Bij de effectevaluaties die nu starten, is een deelnemerspanel onderdeel van de "
            "opdracht. Voor lopende procesevaluaties lukt dat niet meer binnen het budget.",
            _moment(2024, 12, 3),
        ),
        (
            second_corrected,
            members[2],
            Advice.Kind.ASKED,
            "Learning community ook voor gemeenten zonder uitkering (demo)",
            "Gemeenten zonder specifieke uitkering hebben dezelfde vragen. Open de learning community voor hen, "
            "zodat kennis breder landt.",
            lines["AL1"],
            kpis["K02"],
            _moment(2025, 3, 18),
            Advice.FollowUp.NOT_TAKEN_UP,
            "Niet overgenomen. De learning community is onderdeel van de afspraken bij de specifieke uitkering en "
            "heeft een beperkte omvang om onderling vertrouwen mogelijk te maken. De opbrengsten worden wel openbaar "
            "gedeeld via het online platform en de jaarlijkse conferentie.",
            _moment(2025, 4, 15),
        ),
        (
            second_corrected,
            members[1],
            Advice.Kind.UNASKED,
            "Maak de rol van zelforganisaties zichtbaar (demo)",
            "In de cijfers over samenwerking vallen zelforganisaties en sleutelfiguren weg tussen de grotere "
            "maatschappelijke organisaties. Laat apart zien wat zij bijdragen.",
            lines["AL3"],
            kpis["K08"],
            _moment(2025, 3, 25),
            Advice.FollowUp.TAKEN_UP,
            "Overgenomen. Het dashboard toont organisaties nu per soort, met zelforganisaties als eigen categorie.",
            _moment(2025, 5, 6),
        ),
    ]
    advice = _record_advice(advice_plan[:2], staff)
    analysis = publish_annual_analysis(programme=programme, users=users) if annual_analysis else None
    advice += _record_advice(advice_plan[2:], staff)

    third = _publish(programme, staff, 2025, 1, _moment(2025, 8, 25), _moment(2025, 9, 16))
    _present(next_programme, third, datetime.date(2025, 9, 30), staff)
    advice += _record_advice(
        [
            (
                third,
                members[0],
                Advice.Kind.ASKED,
                "Verdeling van de begroting over actielijn 4 (demo)",
                "Actielijn 4 blijft achter in uitgaven. Overweeg de middelen die dit jaar niet worden besteed "
                "in te zetten voor de beleidsaanbevelingen aan het eind van het programma.",
                lines["AL4"],
                None,
                _moment(2025, 10, 2),
                Advice.FollowUp.OPEN,
                "",
                None,
            ),
            (
                third,
                members[2],
                Advice.Kind.UNASKED,
                "Lessen uit de eerste tranche delen met de tweede (demo)",
                "Zorg dat de gemeenten van de tweede tranche vanaf het begin kunnen leren van wat in de eerste tranche "
                "wel en niet werkte, bijvoorbeeld met een overdrachtsbijeenkomst.",
                None,
                None,
                _moment(2025, 10, 9),
                Advice.FollowUp.OPEN,
                "",
                None,
            ),
        ],
        staff,
    )
    fourth = _publish(next_programme, staff, 2025, 2, _moment(2026, 2, 16), _moment(2026, 3, 10))
    _present(next_programme, fourth, datetime.date(2026, 3, 24), staff)
    # The analysis of 2025, in the multi-year plan, published in March 2026: the dashboard of 2026-H1 counts it.
    second_analysis = (
        publish_annual_analysis(programme=next_programme, users=users, year=2025, published_at=_moment(2026, 3, 26))
        if annual_analysis
        else None
    )
    fifth = _publish(next_programme, staff, 2026, 1, _moment(2026, 8, 24), _moment(2026, 9, 15))
    _present(next_programme, fifth, datetime.date(2026, 9, 29), staff)
    return {
        "dashboards": [first, second, second_corrected, third, fourth, fifth],
        "advice": advice,
        "annual_analysis": analysis,
        "annual_analysis_2025": second_analysis,
        "lessons": lessons,
    }


def _present(programme: Programme, dashboard: Dashboard, day: datetime.date, staff: User) -> None:
    """The dashboard presented at the board meeting of that day (recorded by agenda's demo), before the
    next dashboard freezes K09."""
    meeting = Event.objects.get(
        activity__action_line__programme=programme, activity__kind=Activity.Kind.ADVISORY_BOARD, held_on=day
    )
    meeting_dashboards_set(meeting=meeting, dashboards=[dashboard], by=staff)


def _record_advice(plan: list[tuple], staff: User) -> list[Advice]:
    """Advice as the board gave it and the programme answered it, on the dates of the plan."""
    advice = []
    for dashboard, author, kind, subject, text, line, kpi, given, follow_up, response, responded in plan:
        item = advice_record(
            by=author,
            dashboard=dashboard,
            kind=kind,
            subject=subject,
            text=f"{text} {EXAMPLE}",
            action_line=line,
            kpi=kpi,
        )
        Advice.objects.filter(pk=item.pk).update(given_at=given)
        item.history.update(history_date=given)
        if follow_up != Advice.FollowUp.OPEN:
            item = advice_respond(advice=item, by=staff, follow_up=follow_up, response=f"{response} {EXAMPLE}")
            Advice.objects.filter(pk=item.pk).update(responded_at=responded)
            item.history.filter(history_type="~").update(history_date=responded)
        advice.append(item)
    return advice


def publish_annual_analysis(
    *, programme: Programme, users: dict, year: int = 2024, built_on: datetime.date | None = None, published_at=None
) -> AnnualAnalysis:
    """An analysis built and published as if in March of the next year, so the board and the public have one to
    read: the one of 2024 in the programme 2023-2025, and the one of 2025 in the multi-year plan.

    It renders a PDF (a few seconds): ``manage.py load_demo`` asks for it through
    ``load(annual_analysis=True)``; the tests' demo fixture leaves it out.
    """
    from analysis.services.annual import analysis_build, analysis_publish

    staff = users["staf"]
    analysis = AnnualAnalysis.objects.create(programme=programme, year=year, version=1, requested_by=staff)
    write_demo_texts(analysis=analysis, by=staff)
    analysis_build(analysis_id=analysis.pk, today=built_on or datetime.date(year + 1, 3, 1))
    analysis.refresh_from_db()
    if analysis.status != AnnualAnalysis.Status.DONE:
        raise RuntimeError(f"the demo analysis could not be made: {analysis.error}")
    return analysis_publish(analysis=analysis, by=staff, at=published_at or _moment(year + 1, 3, 14))


DEMO_CONCLUSIONS = {
    "veerkracht-nederland": "Het beeld is gemengd: het vertrouwen staat onder druk en ervaren discriminatie blijft "
    "hoog, terwijl de betrokkenheid in de buurt stabiel is. Het programma richt zich daarom op ontmoeting en op "
    "groepen die het kwetsbaarst zijn.",
    "scp-kader": "De meeste interventies helpen mensen omgaan met spanningen (coping); weinig interventies werken aan "
    "verandering van de omstandigheden (transformatie). Daar zoeken we nieuwe interventies.",
    "lessen": "Gemeenten leren het meest van elkaar waar sleutelfiguren en jongeren zelf meedoen. We brengen deze "
    "lessen naar de learning community.",
    "interventies": "Het portfolio groeit, maar het aantal interventies met een afgeronde effectevaluatie blijft "
    "klein. We geven evaluaties in de tweede helft van het programma voorrang.",
    "gemeenten": "De meeste gemeenten met een uitkering leveren hun verslagen op tijd aan. Waar een verslag ontbreekt, "
    "zoeken we het gesprek in plaats van een herinnering te sturen.",
    "samenwerking": "De samenwerkingsverbanden zijn breder geworden: naast gemeenten doen meer maatschappelijke "
    "organisaties en kennisinstellingen mee.",
    "begroting": "De uitgaven lopen achter op de tijd, vooral waar activiteiten later begonnen. We verwachten dat het "
    "verschil in het volgende jaar kleiner wordt.",
    "advies": "Het advies van de klankbordgroep heeft de keuzes van dit jaar scherper gemaakt. Bij elk advies staat "
    "hierboven wat we ermee doen.",
    "veranderingen": "De meeste cijfers zijn gestegen ten opzichte van vorig jaar. Een daling lichten we toe in het "
    "hoofdstuk waar ze staat.",
}


def write_demo_texts(*, analysis: AnnualAnalysis, by: User) -> None:
    """The programme's texts of a demo analysis: an introduction, a conclusion in every chapter, recommendations and
    an answer to every piece of advice of the year, each marked as an example. Frozen when the analysis is built."""
    lines = [{"code": line.code, "name": line.name} for line in analysis.programme.action_lines.order_by("order")]
    texts = {
        ("introduction", ""): (
            f"Dit is de landelijke veerkracht- en weerbaarheidsanalyse over {analysis.year}. Ze laat zien wat het "
            "programma heeft gedaan en waar het staat, met de cijfers uit de portal.\n\n"
            "We lezen de cijfers samen met de verhalen van gemeenten en de klankbordgroep: **een cijfer is een begin "
            f"van het gesprek, geen eindoordeel**. {EXAMPLE}"
        ),
        ("recommendations", ""): (
            "1. **Evaluatie eerst.** Geef interventies die ver ontwikkeld zijn voorrang bij een effectevaluatie.\n"
            "2. **Leren tussen tranches.** Laat gemeenten van de tweede tranche leren van de eerste.\n"
            "3. **Vertrouwen meten.** Neem vertrouwen in instituties op als vaste maatstaf in de volgende analyse.\n\n"
            f"{EXAMPLE}"
        ),
    }
    # Every chapter a version frozen now has, the later ones (society, SCP, lessons) included.
    for chapter in chapter_list({"action_lines": lines, "society": True, "scp": True, "lessons": True}):
        conclusion = DEMO_CONCLUSIONS.get(
            chapter.key,
            "De KPI's van deze actielijn laten zien waar we op koers liggen en waar niet. We sturen bij waar een KPI "
            "risico loopt of achterblijft.",
        )
        texts[("conclusion", chapter.key)] = f"{conclusion} {EXAMPLE}"
    year_advice = Advice.objects.filter(given_at__year=analysis.year).order_by("given_at", "pk")
    for item in year_advice:
        texts[("advice_answer", str(item.pk))] = (
            f"We danken de klankbordgroep voor dit advies over „{item.subject}” en nemen het mee in het plan voor "
            f"het volgende jaar. {EXAMPLE}"
        )
    for (kind, key), text in texts.items():
        text_row = AnalysisText(analysis=analysis, kind=kind, key=key, text=text, updated_by=by)
        save_with_history(instance=text_row, by=by, validate=False)
