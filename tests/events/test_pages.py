"""Event pages: permission matrix, forms, registrants and check-in, calendars, report hand-over."""

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import icalendar
import pytest
from django.utils import timezone

from associations.models import Notification
from events.models import CalendarFeed, Event, EventStatus, Registration
from events.services import registration_register
from tests.factories import member_of

pytestmark = pytest.mark.django_db

ROLES = [None, "youth", "leader", "staff", "kita_staff", "foreign_staff", "admin"]


def login(client, request, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    return client


# role -> status for: event page, registrants list, edit form, cancel form, report hand-over
PAGE_MATRIX = {
    None: (302, 302, 302, 302, 302),
    "youth": (200, 403, 403, 403, 403),
    "leader": (200, 200, 200, 200, 302),
    "staff": (200, 200, 200, 200, 302),
    "kita_staff": (200, 403, 403, 403, 403),
    "foreign_staff": (404, 404, 404, 404, 404),
    "admin": (200, 200, 200, 200, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_page_permission_matrix(client, request, site_tree, event, role):
    login(client, request, role)
    paths = ["", "inscrits/", "modifier/", "annuler/", "compte-rendu/"]
    got = tuple(client.get(f"/evenements/{event.pk}/{p}").status_code for p in paths)
    assert got == PAGE_MATRIX[role]


@pytest.mark.parametrize("role,expected", [(None, 302), ("youth", 403), ("leader", 200), ("staff", 200)])
def test_create_form_access(client, request, site_tree, role, expected):
    assert login(client, request, role).get("/evenements/nouveau/").status_code == expected


def test_leader_creates_an_event_through_the_form(client, site_tree, leader, bamako):
    client.force_login(leader)
    starts = timezone.localtime() + timedelta(days=6)
    response = client.post(
        "/evenements/nouveau/",
        {
            "title": "Journée propreté",
            "kind": "community",
            "section": bamako.pk,
            "place": "Quartier",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": "12",
            "audience_roles": ["youth", "leader"],
            "status": "cancelled",  # not a field of the form: ignored
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evenements/{event.pk}/"
    assert (event.status, event.capacity, event.audience_roles) == (EventStatus.PUBLISHED, 12, ["leader", "youth"])
    assert list(event.organisers.all()) == [leader]


def test_form_shows_domain_errors_instead_of_500(client, site_tree, leader):
    client.force_login(leader)
    starts = timezone.localtime() + timedelta(days=6)
    response = client.post(
        "/evenements/nouveau/",
        {
            "title": "X",
            "kind": "sport",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
            "min_age": "abc",
        },
    )
    assert response.status_code == 400  # an invalid form is refused, never a success
    assert not Event.objects.exists()
    assert 'class="errorlist' in response.content.decode()


def test_register_and_cancel_buttons(client, site_tree, event, youth, other_youth, bamako):
    third, fourth = member_of(bamako), member_of(bamako)
    for person in (other_youth, third):
        registration_register(user=person, event_id=event.pk)
    client.force_login(youth)
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert "Places restantes : 0 sur 2" in html and "Rejoindre la liste d'attente" in html
    client.post(f"/evenements/{event.pk}/inscription/")
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert "numéro 1 sur la liste d'attente" in html and "Quitter la liste d'attente" in html
    assert "Annuler mon inscription" not in html
    registration_register(user=fourth, event_id=event.pk)
    client.force_login(other_youth)
    code = Registration.objects.get(event=event, member=other_youth).code
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert code in html and "Annuler mon inscription" in html
    # A place on a full event is not given up with one tap: a page asks first, and nothing changes yet.
    asked = client.post(f"/evenements/{event.pk}/desinscription/")
    assert asked.status_code == 200 and "Laisser ta place ?" in asked.content.decode()
    assert Registration.objects.get(event=event, member=other_youth).status == "confirmed"
    client.post(f"/evenements/{event.pk}/desinscription/", {"confirm": "1"})
    assert Registration.objects.get(event=event, member=youth).status == "confirmed"
    client.force_login(fourth)
    assert "numéro 1 sur la liste d'attente" in client.get(f"/evenements/{event.pk}/").content.decode()
    client.force_login(youth)
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert "Ta place est réservée." in html
    assert Registration.objects.get(event=event, member=youth).code in html


def test_leaving_the_waiting_list_or_a_place_with_room_needs_no_confirmation(client, site_tree, event, youth, bamako):
    others = [member_of(bamako) for _ in range(2)]
    registration_register(user=youth, event_id=event.pk)
    client.force_login(youth)
    response = client.post(f"/evenements/{event.pk}/desinscription/", follow=True)
    assert "Ton inscription est annulée." in response.content.decode()  # one place left: nothing to lose
    for person in others:
        registration_register(user=person, event_id=event.pk)
    registration_register(user=youth, event_id=event.pk)
    response = client.post(f"/evenements/{event.pk}/desinscription/", follow=True)
    assert "Tu as quitté la liste d&#x27;attente." in response.content.decode()
    assert Registration.objects.get(event=event, member=youth).status == "cancelled"


def test_refusal_reason_shown_instead_of_the_button(client, site_tree, event, kita_youth):
    client.force_login(kita_youth)
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert "inscription/" not in html and "autres sites" in html
    response = client.post(f"/evenements/{event.pk}/inscription/", follow=True)
    assert "autres sites" in response.content.decode()
    assert not Registration.objects.exists()


def test_registrants_page_and_check_in_ticks(client, site_tree, event, leader, youth, other_youth):
    for person in (youth, other_youth):
        registration_register(user=person, event_id=event.pk)
    client.force_login(leader)
    html = client.get(f"/evenements/{event.pk}/inscrits/").content.decode()
    assert "Awa K." in html and "Moussa D." in html and "Bamako" in html
    assert Registration.objects.get(member=youth).code not in html  # codes stay personal
    for _ in range(2):  # a retried tick is harmless
        response = client.post(f"/evenements/{event.pk}/pointage/", {"user": youth.pk})
        assert response.status_code == 302
    code = Registration.objects.get(member=other_youth).code
    ajax = client.post(f"/evenements/{event.pk}/pointage/", {"code": code}, HTTP_ACCEPT="application/json")
    assert ajax.json() == {"user": other_youth.pk, "checked_in": True}
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    bad = client.post(f"/evenements/{event.pk}/pointage/", {"code": "NOPE"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 404 and bad.json()["error"]
    assert client.post(f"/evenements/{event.pk}/pointage/", {"user": "x"}).status_code == 302
    client.force_login(youth)
    assert client.post(f"/evenements/{event.pk}/pointage/", {"user": youth.pk}).status_code == 403


def test_cancel_event_form(client, site_tree, event, leader, youth):
    registration_register(user=youth, event_id=event.pk)
    client.force_login(leader)
    assert client.post(f"/evenements/{event.pk}/annuler/", {"reason": ""}).status_code == 400
    response = client.post(f"/evenements/{event.pk}/annuler/", {"reason": "Salle indisponible"})
    assert response.status_code == 302
    assert Event.objects.get().status == EventStatus.CANCELLED
    assert Notification.objects.get(recipient=youth).kind == "event.cancelled"
    client.force_login(youth)
    assert "Salle indisponible" in client.get(f"/evenements/{event.pk}/").content.decode()


def test_pending_event_published_by_staff_only(client, site_tree, make_event, leader, staff, youth):
    event = make_event(status=EventStatus.PENDING)
    client.force_login(youth)
    assert client.get(f"/evenements/{event.pk}/").status_code == 404
    client.force_login(leader)
    assert "publier/" not in client.get(f"/evenements/{event.pk}/").content.decode()
    assert client.post(f"/evenements/{event.pk}/publier/").status_code == 403
    client.force_login(staff)
    assert client.post(f"/evenements/{event.pk}/publier/").status_code == 302
    assert Event.objects.get().status == EventStatus.PUBLISHED


def test_activity_report_hand_over_is_prefilled(client, site_tree, make_event, leader, youth, other_youth):
    starts = timezone.now() - timedelta(days=1)
    event = make_event(title="Atelier CV & lettre", starts_at=starts)
    for person in (youth, other_youth):
        Registration.objects.create(event=event, member=person, status="confirmed", code=f"C{person.pk:05d}")
    Registration.objects.filter(member=youth).update(checked_in_at=timezone.now())
    client.force_login(leader)
    response = client.get(f"/evenements/{event.pk}/compte-rendu/")
    target = urlparse(response["Location"])
    assert target.path == "/activites/raconter/"
    assert parse_qs(target.query) == {
        "event": [str(event.pk)],
        "title": ["Atelier CV & lettre"],
        "date": [timezone.localtime(starts).date().isoformat()],
        "section": ["bamako"],
        "participants": ["1"],
    }


def test_event_calendar_file(client, site_tree, event, youth):
    client.force_login(youth)
    response = client.get(f"/evenements/{event.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "Atelier CV"
    assert str(vevent.decoded("dtstart").tzinfo) == "Africa/Bamako"


def test_private_feed_lists_my_events_and_regenerates(client, site_tree, make_event, youth):
    mine, other = make_event(title="Mon atelier"), make_event(title="Pas inscrit")
    registration_register(user=youth, event_id=mine.pk)
    client.force_login(youth)
    page = client.get("/evenements/agenda/").content.decode()
    token = CalendarFeed.objects.get(user=youth).token
    assert f"/evenements/agenda/{token}.ics" in page
    client.logout()  # calendar apps cannot log in: the secret URL is enough
    feed = client.get(f"/evenements/agenda/{token}.ics")
    assert feed.status_code == 200
    titles = [str(e["summary"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert titles == ["Mon atelier"] and other.pk
    client.force_login(youth)
    client.post("/evenements/agenda/nouveau-lien/")
    assert client.get(f"/evenements/agenda/{token}.ics").status_code == 404
    assert client.get(f"/evenements/agenda/{CalendarFeed.objects.get(user=youth).token}.ics").status_code == 200


def test_list_filters_past_and_sections(client, site_tree, make_event, youth, kita):
    make_event(title="Foot à venir", kind="sport")
    make_event(title="Réunion à venir", kind="meeting", section=None)
    make_event(title="Kita seulement", section=kita)
    make_event(title="Vieux tournoi", starts_at=timezone.now() - timedelta(days=10))
    make_event(title="Brouillon caché", status=EventStatus.DRAFT)
    client.force_login(youth)
    html = client.get("/evenements/").content.decode()
    # By default the member's own site and the events for every site (issue 12); "all" shows the others.
    assert "Foot à venir" in html and "Réunion à venir" in html and "Kita seulement" not in html
    assert "Vieux tournoi" not in html and "Brouillon caché" not in html
    assert "Kita seulement" in client.get("/evenements/?section=all").content.decode()
    html = client.get("/evenements/?kind=sport").content.decode()
    assert "Foot à venir" in html and "Réunion à venir" not in html
    html = client.get("/evenements/?section=kita").content.decode()
    assert "Kita seulement" in html and "Réunion à venir" in html and "Foot à venir" not in html
    assert "Vieux tournoi" in client.get("/evenements/?past=1").content.decode()
    assert client.get("/evenements/?kind=<script>&page=abc").status_code == 200


def test_nav_and_home_section(client, site_tree, event, youth):
    assert "/evenements/" not in client.get("/").content.decode()
    client.force_login(youth)
    html = client.get("/").content.decode()
    assert 'href="/evenements/"' in html and "Atelier CV" in html


def test_edit_form_refuses_capacity_below_confirmed_with_a_message(
    client, site_tree, event, leader, youth, other_youth
):
    for person in (youth, other_youth):
        registration_register(user=person, event_id=event.pk)
    client.force_login(leader)
    form = client.get(f"/evenements/{event.pk}/modifier/").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [], "")}
    data.update(
        {
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "organisers": [leader.pk],
            "capacity": "1",
        }
    )
    data.pop("section", None)
    response = client.post(f"/evenements/{event.pk}/modifier/", data)
    assert response.status_code == 400
    assert "2 membres ont déjà une place confirmée" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 2
    data["capacity"] = "5"
    data["title"] = "Atelier CV (complet)"
    assert client.post(f"/evenements/{event.pk}/modifier/", data).status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.title, event.section.slug) == (5, "Atelier CV (complet)", "bamako")
