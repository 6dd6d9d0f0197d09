"""Registrants of an event: CSV export (Excel-safe), a print view, undoing a check-in — each for the event's
organisers and the staff of its site only; pinned query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from associations.models import Role
from events.export import safe_cell
from events.models import Registration
from tests.factories import member_of

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "youth", "leader_not_organiser", "organiser", "staff", "kita_staff", "foreign_staff", "admin"]
ALLOWED = {"organiser", "staff", "admin"}


@pytest.fixture
def people(youth, leader, staff, kita_staff, foreign_staff, admin, bamako):
    other_leader = member_of(bamako, Role.LEADER, username="leader2", display_name="Fanta L.")
    return {
        "visitor": None,
        "youth": youth,
        "leader_not_organiser": other_leader,
        "organiser": leader,  # the event fixture's creator and organiser
        "staff": staff,
        "kita_staff": kita_staff,
        "foreign_staff": foreign_staff,
        "admin": admin,
    }


@pytest.fixture
def checked(event, youth, staff):
    registration = Registration.objects.create(event=event, member=youth, status="confirmed", code="ABC123")
    from events.services import registration_check_in

    registration_check_in(actor=staff, event_id=event.pk, user_id=youth.pk)
    return registration


def _expected(role: str, allowed: int) -> int:
    if role == "visitor":
        return 302
    if role == "foreign_staff":
        return 404  # another association's event is not even confirmed to exist
    return allowed if role in ALLOWED else 403


@pytest.mark.parametrize("role", ROLES)
def test_csv_and_print_by_role(client, people, event, checked, role):
    if people[role]:
        client.force_login(people[role])
    csv = client.get(f"/evenements/{event.pk}/inscrits.csv")
    printed = client.get(f"/evenements/{event.pk}/inscrits/imprimer/")
    assert csv.status_code == _expected(role, 200)
    assert printed.status_code == _expected(role, 200)
    if csv.status_code == 200:
        assert csv["Content-Type"] == "text/csv; charset=utf-8"
        assert csv.content.startswith("\ufeff".encode())
        assert "Awa K." in csv.content.decode("utf-8-sig")
        html = printed.content.decode()
        assert "Awa K." in html and "<nav" not in html and "@media print" in html


@pytest.mark.parametrize("role", ROLES)
def test_undo_check_in_by_role(client, people, event, checked, youth, role):
    if people[role]:
        client.force_login(people[role])
    response = client.post(f"/evenements/{event.pk}/pointage/annuler/", {"user": youth.pk})
    assert response.status_code == _expected(role, 302)
    checked.refresh_from_db()
    assert (checked.checked_in_at is None) is (role in ALLOWED)
    undone = ModelLogEntry.objects.filter(action="ton.event.checkin_undo")
    assert undone.count() == (1 if role in ALLOWED else 0)
    if role in ALLOWED:
        assert undone.get().data["member"] == youth.pk


def test_undo_of_someone_not_checked_in_is_refused(client, event, leader, other_youth):
    Registration.objects.create(event=event, member=other_youth, status="confirmed", code="XYZ789")
    client.force_login(leader)
    response = client.post(f"/evenements/{event.pk}/pointage/annuler/", {"user": other_youth.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"/evenements/{event.pk}/inscrits/"
    assert client.post(f"/evenements/{event.pk}/pointage/annuler/", {"user": "abc"}).status_code in {302, 400}
    assert client.get(f"/evenements/{event.pk}/pointage/annuler/").status_code == 405


def test_staff_of_the_site_manage_an_all_sections_event(client, make_event, kita_staff, youth):
    every = make_event(section=None)
    client.force_login(kita_staff)
    assert client.get(f"/evenements/{every.pk}/inscrits.csv").status_code == 200


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+221", "'+221"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Aïssata", "Aïssata"),
        (None, ""),
    ],
)
def test_cells_cannot_run_formulas(value, written):
    assert safe_cell(value) == written


def test_csv_escapes_a_hostile_name(client, event, leader, bamako):
    hostile = member_of(bamako, Role.YOUTH, username="hostile", display_name="=cmd|' /C calc'!A0")
    Registration.objects.create(event=event, member=hostile, status="confirmed", code="EVIL01")
    client.force_login(leader)
    body = client.get(f"/evenements/{event.pk}/inscrits.csv").content.decode("utf-8-sig")
    assert "'=cmd" in body and "\n=cmd" not in body


def test_registrants_page_links_export_print_and_undo(client, event, checked, leader):
    client.force_login(leader)
    html = client.get(f"/evenements/{event.pk}/inscrits/").content.decode()
    assert f"/evenements/{event.pk}/inscrits.csv" in html
    assert f"/evenements/{event.pk}/inscrits/imprimer/" in html
    assert f"/evenements/{event.pk}/pointage/annuler/" in html


# Pinned. The CSV: session, user, memberships, the event with counts, organisers, invited sections, the
# registrants with their sections (7). The print view (no header, no menu) adds the two the template's
# context processors ask (9).
QUERIES = {"inscrits.csv": 7, "inscrits/imprimer/": 7}


@pytest.mark.parametrize("path", ["inscrits/imprimer/", "inscrits.csv"])
def test_print_and_csv_queries_do_not_grow(client, event, leader, bamako, path):
    def grow(n):
        for _ in range(n):
            person = member_of(bamako, Role.YOUTH)
            Registration.objects.create(event=event, member=person, status="waitlisted", code=f"W{person.pk:05d}")

    client.force_login(leader)
    grow(2)
    counts = []
    for extra in (0, 20):
        grow(extra)
        client.get(f"/evenements/{event.pk}/{path}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/evenements/{event.pk}/{path}").status_code == 200
        counts.append(len(queries))
    assert counts == [QUERIES[path], QUERIES[path]]


@pytest.mark.parametrize("role", ROLES)
def test_undo_check_in_through_the_api(api_client, people, event, checked, youth, role):
    if people[role]:
        api_client.force_authenticate(people[role])
    response = api_client.delete(f"/api/v1/events/{event.pk}/checkin/?user={youth.pk}")
    expected = {"visitor": (401, 403), "foreign_staff": (404,)}.get(role, (204,) if role in ALLOWED else (403,))
    assert response.status_code in expected
    checked.refresh_from_db()
    assert (checked.checked_in_at is None) is (role in ALLOWED)


def test_api_undo_needs_a_checked_in_member(api_client, event, leader, other_youth):
    api_client.force_authenticate(leader)
    assert api_client.delete(f"/api/v1/events/{event.pk}/checkin/?user=abc").status_code == 400
    assert api_client.delete(f"/api/v1/events/{event.pk}/checkin/?user={other_youth.pk}").status_code == 409
