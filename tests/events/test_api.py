"""/api/v1/events/…: shapes, statuses, permissions per role, bad input never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from associations.models import Notification
from events.models import Event, EventStatus, Registration
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


def error_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    return body["error"]


def new_event_body(**extra):
    starts = timezone.now() + timedelta(days=4)
    return {
        "title": "Atelier théâtre",
        "kind": "culture",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "capacity": 2,
        **extra,
    }


def test_schema_lists_every_events_path(api_client):
    paths = api_client.get("/api/v1/schema/?format=json").json()["paths"]
    for path in [
        "/api/v1/events/",
        "/api/v1/events/{id}/",
        "/api/v1/events/{id}/registration/",
        "/api/v1/events/{id}/registrations/",
        "/api/v1/events/{id}/checkin/",
    ]:
        assert path in paths, path
    assert {"get", "post", "delete"} <= set(paths["/api/v1/events/{id}/registration/"])
    assert {"get", "patch"} <= set(paths["/api/v1/events/{id}/"])


def test_register_201_then_200_then_waitlisted_then_delete_204(api_client, event, youth, other_youth, bamako):
    client = as_user(api_client, youth)
    first = client.post(f"/api/v1/events/{event.pk}/registration/")
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed" and first.json()["position"] is None
    again = client.post(f"/api/v1/events/{event.pk}/registration/")
    assert again.status_code == 200 and again.json() == first.json()
    as_user(api_client, other_youth).post(f"/api/v1/events/{event.pk}/registration/")
    third = member_of(bamako)
    waiting = as_user(api_client, third).post(f"/api/v1/events/{event.pk}/registration/")
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "waitlisted" and waiting.json()["position"] == 1
    assert as_user(api_client, youth).delete(f"/api/v1/events/{event.pk}/registration/").status_code == 204
    mine = as_user(api_client, third).get(f"/api/v1/events/{event.pk}/registration/")
    assert mine.json()["status"] == "confirmed"
    assert Notification.objects.filter(recipient=third, kind="event.promoted").count() == 1
    error_of(as_user(api_client, youth).delete(f"/api/v1/events/{event.pk}/registration/"), 404)


def test_registration_refusals_are_clear_4xx(api_client, make_event, youth, kita_youth):
    cancelled = make_event(status=EventStatus.CANCELLED, cancel_reason="Pluie")
    assert error_of(as_user(api_client, youth).post(f"/api/v1/events/{cancelled.pk}/registration/"), 409)
    bamako_only = make_event()
    error = error_of(as_user(api_client, kita_youth).post(f"/api/v1/events/{bamako_only.pk}/registration/"), 400)
    assert error["code"] == "refused"
    draft = make_event(status=EventStatus.DRAFT)
    error_of(as_user(api_client, youth).post(f"/api/v1/events/{draft.pk}/registration/"), 404)  # invisible


def test_visitors_get_401(api_client, event):
    for method, path in [
        ("get", "/api/v1/events/"),
        ("get", f"/api/v1/events/{event.pk}/"),
        ("post", f"/api/v1/events/{event.pk}/registration/"),
        ("get", f"/api/v1/events/{event.pk}/registrations/"),
    ]:
        error_of(getattr(api_client, method)(path), 401)


def test_list_is_filtered_by_the_same_policy_as_the_detail(api_client, make_event, youth, foreign_staff, staff):
    published = make_event(title="Publié")
    draft = make_event(title="Brouillon", status=EventStatus.DRAFT)
    past = make_event(title="Passé", starts_at=timezone.now() - timedelta(days=3))
    titles = [e["title"] for e in as_user(api_client, youth).get("/api/v1/events/").json()["results"]]
    assert titles == ["Publié"]
    error_of(api_client.get(f"/api/v1/events/{draft.pk}/"), 404)
    past_titles = [e["title"] for e in api_client.get("/api/v1/events/?past=1").json()["results"]]
    assert past_titles == ["Passé"]
    assert {e["title"] for e in as_user(api_client, staff).get("/api/v1/events/").json()["results"]} == {
        "Publié",
        "Brouillon",
    }
    assert as_user(api_client, foreign_staff).get("/api/v1/events/").json()["results"] == []
    error_of(api_client.get(f"/api/v1/events/{published.pk}/"), 404)
    assert past.pk


def test_list_filters_and_bad_filter(api_client, make_event, youth, kita):
    make_event(title="Foot", kind="sport")
    make_event(title="Réunion", kind="meeting")
    make_event(title="Kita", section=kita)
    client = as_user(api_client, youth)
    assert [e["title"] for e in client.get("/api/v1/events/?kind=sport").json()["results"]] == ["Foot"]
    assert [e["title"] for e in client.get("/api/v1/events/?section=kita").json()["results"]] == ["Kita"]
    error_of(client.get("/api/v1/events/?kind=nope"), 400)


def test_create_by_leader_and_refusals(api_client, youth, leader, bamako, kita):
    created = as_user(api_client, leader).post(
        "/api/v1/events/", new_event_body(section=bamako.pk, status="published", id=999), format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "published" and body["section"] == "bamako" and body["id"] != 999
    assert body["places_left"] == 2 and [o["id"] for o in body["organisers"]] == [leader.pk]
    error_of(api_client.post("/api/v1/events/", new_event_body(section=kita.pk), format="json"), 403)
    error_of(as_user(api_client, youth).post("/api/v1/events/", new_event_body(), format="json"), 403)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "x"},
        new_event_body(starts_at="demain"),
        new_event_body(capacity=0),
        new_event_body(capacity="beaucoup"),
        new_event_body(kind="party"),
        new_event_body(audience_roles=["king"]),
        new_event_body(audience_sections=[999999]),
        new_event_body(organisers=["x"]),
        new_event_body(ends_at=(timezone.now() + timedelta(days=1)).isoformat()),
        new_event_body(min_age=30, max_age=10),
        new_event_body(association=999999),
    ],
)
def test_create_bad_input_is_400(api_client, leader, body):
    error_of(as_user(api_client, leader).post("/api/v1/events/", body, format="json"), 400)


def test_malformed_json_is_400(api_client, leader, event):
    client = as_user(api_client, leader)
    assert client.generic("POST", "/api/v1/events/", "{oops", content_type="application/json").status_code == 400
    response = client.generic("POST", f"/api/v1/events/{event.pk}/checkin/", "[", content_type="application/json")
    assert response.status_code == 400


def test_patch_capacity_and_cancel(api_client, event, leader, youth, other_youth, kita_staff):
    for person in (youth, other_youth):
        as_user(api_client, person).post(f"/api/v1/events/{event.pk}/registration/")
    client = as_user(api_client, leader)
    error = error_of(client.patch(f"/api/v1/events/{event.pk}/", {"capacity": 1}, format="json"), 409)
    assert error["code"] == "capacity_below_confirmed"
    ok = client.patch(f"/api/v1/events/{event.pk}/", {"capacity": 5, "title": "Atelier CV+", "status": "x"})
    assert ok.status_code == 400
    ok = client.patch(f"/api/v1/events/{event.pk}/", {"capacity": 5, "title": "Atelier CV+"}, format="json")
    assert ok.status_code == 200 and ok.json()["places_left"] == 3 and ok.json()["title"] == "Atelier CV+"
    error_of(as_user(api_client, youth).patch(f"/api/v1/events/{event.pk}/", {"title": "x"}, format="json"), 403)
    error_of(as_user(api_client, kita_staff).patch(f"/api/v1/events/{event.pk}/", {"title": "x"}, format="json"), 403)
    error_of(
        as_user(api_client, leader).patch(f"/api/v1/events/{event.pk}/", {"status": "cancelled"}, format="json"), 400
    )
    done = api_client.patch(f"/api/v1/events/{event.pk}/", {"status": "cancelled", "cancel_reason": "Grève"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert Notification.objects.filter(kind="event.cancelled").count() == 2


def test_staff_publish_pending_through_patch(api_client, association, leader, staff):
    association.premoderate_leaders = True
    association.save()
    created = as_user(api_client, leader).post("/api/v1/events/", new_event_body(), format="json").json()
    assert created["status"] == "pending"
    event_id = created["id"]
    still = api_client.patch(f"/api/v1/events/{event_id}/", {"status": "published"}, format="json")
    assert still.json()["status"] == "pending"  # a leader cannot publish past pre-moderation
    done = as_user(api_client, staff).patch(f"/api/v1/events/{event_id}/", {"status": "published"}, format="json")
    assert done.json()["status"] == "published"


# Who sees the registrants list and may check in: role -> expected status.
MATRIX = [
    (None, 401),
    ("youth", 403),
    ("leader", 200),  # the organiser
    ("staff", 200),
    ("kita_staff", 403),  # sees the published event (same association) but does not manage it
    ("foreign_staff", 404),
    ("admin", 200),
]


@pytest.mark.parametrize("role,expected", MATRIX)
def test_registrants_permission_matrix(api_client, request, event, other_youth, role, expected):
    as_user(api_client, other_youth).post(f"/api/v1/events/{event.pk}/registration/")
    api_client.force_authenticate(None)
    user = request.getfixturevalue(role) if role else None
    response = as_user(api_client, user).get(f"/api/v1/events/{event.pk}/registrations/")
    assert response.status_code == expected
    if expected == 200:
        (row,) = response.json()
        assert row["display_name"] == "Moussa D." and row["section"] == "Bamako" and "code" not in row


@pytest.mark.parametrize("role,expected", [("youth", 403), ("leader", 201), ("staff", 201), ("admin", 201)])
def test_checkin_permission_matrix(api_client, request, event, other_youth, role, expected):
    as_user(api_client, other_youth).post(f"/api/v1/events/{event.pk}/registration/")
    client = as_user(api_client, request.getfixturevalue(role))
    response = client.post(f"/api/v1/events/{event.pk}/checkin/", {"user": other_youth.pk}, format="json")
    assert response.status_code == expected


def test_checkin_by_code_idempotent_and_bad_input(api_client, event, youth, leader):
    code = as_user(api_client, youth).post(f"/api/v1/events/{event.pk}/registration/").json()["code"]
    client = as_user(api_client, leader)
    first = client.post(f"/api/v1/events/{event.pk}/checkin/", {"code": code}, format="json")
    assert first.status_code == 201 and first.json()["already"] is False
    again = client.post(f"/api/v1/events/{event.pk}/checkin/", {"user": youth.pk}, format="json")
    assert again.status_code == 200 and again.json()["already"] is True
    assert Registration.objects.get(event=event, member=youth).checked_in_at is not None
    for body in ({}, {"user": "abc"}, {"code": ""}, {"user": -3}):
        error_of(client.post(f"/api/v1/events/{event.pk}/checkin/", body, format="json"), 400)
    error_of(client.post(f"/api/v1/events/{event.pk}/checkin/", {"code": "ZZZZZZ"}, format="json"), 404)


def test_unknown_event_is_404(api_client, youth):
    client = as_user(api_client, youth)
    for method in ("get", "post", "delete"):
        error_of(getattr(client, method)("/api/v1/events/999999/registration/"), 404)
    error_of(client.get("/api/v1/events/999999/"), 404)


def test_event_ids_are_not_guessable_across_associations(api_client, make_event, foreign_staff, elsewhere):
    event = make_event()
    error_of(as_user(api_client, foreign_staff).post(f"/api/v1/events/{event.pk}/registration/"), 404)
    assert Event.objects.count() == 1
