"""The programme's records in the portal: staff add and change them, the board reads them, and each change
is in the history. Lists are scoped to the programme a page is about and take a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from agenda.models import (
    Activity,
    BoardMembership,
    Event,
    PolicyThemeInventory,
    Programme,
    ResearchResult,
)
from analysis.models import Dashboard
from municipalities.models import ActivityParticipation
from tests.factories import DashboardFactory, OrganisationFactory
from tests.interventions.reporting import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def later_programme(programme):
    """A second programme with an advisory-board activity of its own, to see lists keep to their programme."""
    later = Programme.objects.create(
        code="meerjarenplan", name="Meerjarenplan", starts_on=D(2025, 7, 1), ends_on=D(2030, 12, 31)
    )
    line = later.action_lines.create(code="AL3", name="Samenwerking")
    line.activities.create(kind=Activity.Kind.ADVISORY_BOARD, name="Klankbordgroep")
    return later


def board_activity(programme: Programme) -> Activity:
    return Activity.objects.get(action_line__programme=programme, kind=Activity.Kind.ADVISORY_BOARD)


def test_staff_record_a_board_meeting_and_its_history_names_them(staff_client, users, programme):
    response = staff_client.post(
        reverse("agenda:event_create"),
        {
            "activity": board_activity(programme).pk,
            "title": "Klankbordgroep voorjaar",
            "held_on": "2024-03-19",
            "results_presented": "Eerste resultaten NWA",
            "advice_asked": "on",
        },
    )
    event = Event.objects.get(title="Klankbordgroep voorjaar")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.advice_asked and event.results_presented == "Eerste resultaten NWA"
    assert event.history.get().history_user == users["alice"]
    page = staff_client.get(event.get_absolute_url()).content.decode()
    assert "Klankbordgroep" in page and "Eerste resultaten NWA" in page
    assert reverse("analysis:meeting_dashboards", args=[event.pk]) in page


def test_an_event_offers_only_the_activities_of_its_programme(staff_client, programme, later_programme):
    url = reverse("agenda:event_create") + f"?programme={programme.code}"
    form = staff_client.get(url).context["form"]
    activities = set(form.fields["activity"].queryset)
    assert board_activity(programme) in activities and board_activity(later_programme) not in activities
    response = staff_client.post(
        url, {"activity": board_activity(later_programme).pk, "title": "Elders", "held_on": "2024-03-19"}
    )
    assert response.status_code == 400 and "activity" in response.context["form"].errors


def test_staff_choose_the_dashboards_presented_and_the_meeting_shows_them(staff_client, users, programme):
    meeting = Event.objects.create(
        activity=board_activity(programme), title="Najaar", held_on=D(2024, 10, 1), advice_asked=True
    )
    published = Dashboard.objects.create(
        programme=programme,
        year=2024,
        half=1,
        status="published",
        snapshot={},
        content_hash="x",
        published_at=datetime.datetime(2024, 9, 17, 10, tzinfo=datetime.UTC),
    )
    draft = DashboardFactory(programme=programme, year=2024, half=2)
    url = reverse("analysis:meeting_dashboards", args=[meeting.pk])
    choices = set(staff_client.get(url).context["form"].fields["dashboards"].queryset)
    assert choices == {published}
    refused = staff_client.post(url, {"dashboards": [draft.pk]})
    assert refused.status_code == 400 and not meeting.dashboards_presented.exists()
    response = staff_client.post(url, {"dashboards": [published.pk]})
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.dashboards_presented.all()) == [published]
    latest = meeting.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (users["alice"], "Gepresenteerde dashboards: 2024-H1")
    page = staff_client.get(meeting.get_absolute_url())
    assert published.get_absolute_url() in page.content.decode()


def test_dashboards_are_chosen_only_for_meetings_of_the_board(staff_client, programme):
    conference = Event.objects.create(
        activity=Activity.objects.get(action_line__programme=programme, kind=Activity.Kind.CONFERENCE),
        title="Conferentie",
        held_on=D(2024, 10, 10),
    )
    assert staff_client.get(reverse("analysis:meeting_dashboards", args=[conference.pk])).status_code == 404


def test_the_board_reads_the_records_but_finds_no_way_to_change_them(board_client, programme):
    meeting = Event.objects.create(activity=board_activity(programme), title="Voorjaar", held_on=D(2024, 3, 19))
    page = board_client.get(meeting.get_absolute_url()).content.decode()
    assert "Voorjaar" in page
    assert reverse("agenda:event_edit", args=[meeting.pk]) not in page
    assert reverse("analysis:meeting_dashboards", args=[meeting.pk]) not in page
    listing = board_client.get(reverse("agenda:event_list"))
    assert listing.status_code == 200 and reverse("agenda:event_create") not in listing.content.decode()
    assert board_client.get(reverse("agenda:event_edit", args=[meeting.pk])).status_code == 403


def test_a_list_shows_only_the_programme_the_page_is_about(staff_client, programme, later_programme):
    Event.objects.create(activity=board_activity(programme), title="Eerste agenda", held_on=D(2024, 3, 19))
    Event.objects.create(activity=board_activity(later_programme), title="Meerjarenplan", held_on=D(2026, 3, 17))
    url = reverse("agenda:event_list")
    titles = lambda response: [e.title for e in response.context["page_obj"]]  # noqa: E731
    assert titles(staff_client.get(url, {"programme": programme.code})) == ["Eerste agenda"]
    assert titles(staff_client.get(url, {"programme": later_programme.code})) == ["Meerjarenplan"]


def test_a_research_result_with_a_file_is_stored_under_a_new_name_and_served_to_the_board(
    staff_client, board_client, users, programme, media
):
    staff_client.force_login(users["alice"])
    response = staff_client.post(
        reverse("agenda:research_create") + f"?programme={programme.code}",
        {
            "title": "Veerkracht in de wijk",
            "source": "NWA Crafting Resilience",
            "year": "2024",
            "shared_on": "2024-06-04",
            "link": "www.nwo.nl",
            "file": upload("resultaten.pdf", PDF_BYTES),
        },
    )
    result = ResearchResult.objects.get()
    assert response.status_code == 302
    assert (result.programme, result.link, result.file_name) == (programme, "https://www.nwo.nl", "resultaten.pdf")
    assert "resultaten" not in result.file.name and result.file.name.endswith(".pdf")
    board_client.force_login(users["dave"])
    download = board_client.get(reverse("agenda:research_file", args=[result.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert 'filename="resultaten.pdf"' in download["Content-Disposition"]


def test_a_research_file_that_is_not_what_its_name_says_is_refused(staff_client, media):
    response = staff_client.post(
        reverse("agenda:research_create"),
        {
            "title": "Iets",
            "source": "NWA",
            "year": "2024",
            "shared_on": "2024-06-04",
            "file": upload("resultaten.pdf", b"MZ not a pdf at all"),
        },
    )
    assert response.status_code == 400
    assert "geen bestand dat u kunt toevoegen" in response.context["form"].errors["file"][0]
    assert not ResearchResult.objects.exists()


def test_one_policy_inventory_per_year_and_its_themes_one_per_line(staff_client, programme):
    url = reverse("agenda:inventory_create")
    data = {"year": "2024", "held_on": "2024-12-13", "themes": " Onderwijs \n\n Wonen ", "source": "Rondgang"}
    assert staff_client.post(url, data).status_code == 302
    inventory = PolicyThemeInventory.objects.get()
    assert inventory.theme_list == ["Onderwijs", "Wonen"] and inventory.programme == programme
    again = staff_client.post(url, data)
    assert again.status_code == 400
    assert again.context["form"].errors["year"] == [
        "Voor 2024 is al een inventarisatie vastgelegd. Wijzig die inventarisatie."
    ]
    edit = staff_client.post(reverse("agenda:inventory_edit", args=[inventory.pk]), {**data, "themes": "Werk"})
    assert edit.status_code == 302
    inventory.refresh_from_db()
    assert inventory.themes == "Werk" and inventory.history.count() == 2


def test_a_board_membership_cannot_end_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("agenda:board_member_create"),
        {
            "person": "Anna",
            "organisation": "VNG",
            "constituency": "vng",
            "starts_on": "2024-05-01",
            "ends_on": "2024-04-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == ["Het lidmaatschap kan niet eindigen voordat het begon."]
    assert not BoardMembership.objects.exists()


def test_staff_record_an_organisation_taking_part_in_an_activity(staff_client, users, programme):
    organisation = OrganisationFactory(name="Stichting Samen")
    activity = Activity.objects.get(action_line__programme=programme, kind=Activity.Kind.CONFERENCE)
    url = reverse("municipalities:participation_create")
    data = {"organisation": organisation.pk, "activity": activity.pk, "joined_on": "2024-10-10"}
    assert staff_client.post(url, data).status_code == 302
    participation = ActivityParticipation.objects.get()
    assert participation.history.get().history_user == users["alice"]
    assert staff_client.post(url, data).status_code == 400  # the same organisation and activity twice
    assert "Stichting Samen" in staff_client.get(participation.get_absolute_url()).content.decode()


def test_the_index_counts_the_records_of_the_programme(board_client, programme):
    Event.objects.create(activity=board_activity(programme), title="Voorjaar", held_on=D(2024, 3, 19))
    sections = board_client.get(reverse("agenda:records_index")).context["sections"]
    assert [s["count"] for s in sections] == [1, 0, 0, 0, 0]


def _make_records(programme: Programme, n: int) -> None:
    activity = board_activity(programme)
    start = Event.objects.count()
    for index in range(start, start + n):
        day = D(2024, 1, 1) + datetime.timedelta(days=index)
        event = Event.objects.create(activity=activity, title=f"Bijeenkomst {index}", held_on=day, advice_asked=True)
        dashboard = DashboardFactory(programme=programme, year=2000 + index, half=1)
        dashboard.presented_at.add(event)
        ResearchResult.objects.create(programme=programme, title=f"R{index}", source="NWA", year=2024, shared_on=day)
        PolicyThemeInventory.objects.create(programme=programme, year=2000 + index, held_on=day, themes="Werk")
        BoardMembership.objects.create(
            programme=programme, person=f"Lid {index}", organisation="VNG", constituency="vng", starts_on=day
        )
        ActivityParticipation.objects.create(organisation=OrganisationFactory(), activity=activity, joined_on=day)


# Session, user and groups; the programmes (for the page and the header's switcher, read once); the count
# and the page of rows.
@pytest.mark.parametrize(
    ("url_name", "queries"),
    [
        ("agenda:event_list", 7),
        ("agenda:research_list", 7),
        ("agenda:inventory_list", 7),
        ("agenda:board_member_list", 7),
        ("municipalities:participation_list", 7),
    ],
)
def test_a_record_list_runs_a_fixed_number_of_queries(
    client, users, programme, django_assert_num_queries, url_name, queries
):
    client.force_login(users["dave"])
    url = reverse(url_name)
    _make_records(programme, 2)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200 and response.context["page_obj"].paginator.count == 2
    _make_records(programme, 6)
    with django_assert_num_queries(queries):
        assert client.get(url).context["page_obj"].paginator.count == 8
