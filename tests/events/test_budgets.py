"""Budgets: the event list and event page cost a fixed number of queries and fit in 14,600 bytes gzip."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Role
from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from events.models import Event, EventStatus, Registration
from tests.factories import member_of

pytestmark = pytest.mark.django_db

# Pinned. Every page: session, user, memberships, site name, unread badge (5). The list adds the page count,
# the filter's sections, the events with their counts and their invited sections (for the join hints) (4).
# The event page adds the event with counts, organisers, invited sections, the viewer's registration and
# their waiting-list position (5). The registrants page adds the event, organisers, invited sections and the
# registrants with sections (4).
LIST_QUERIES = 7
DETAIL_QUERIES = 8
REGISTRANTS_QUERIES = 7


def grow(association, bamako, kita, leader, scale: int) -> Event:
    """`scale` × (3 events, each with 4 registrations), across sections and kinds; returns the last event."""
    now = timezone.now()
    people = [member_of(bamako if i % 2 else kita, Role.YOUTH) for i in range(4 * scale)]
    event = None
    for i in range(3 * scale):
        starts = now + timedelta(days=1 + i)
        event = Event.objects.create(
            association=association,
            section=(bamako, kita, None)[i % 3],
            title=f"Événement {i}",
            kind=("sport", "meeting", "culture")[i % 3],
            place="Centre",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=3,
            status=EventStatus.PUBLISHED,
            created_by=leader,
        )
        event.organisers.set([leader])
        for n, person in enumerate(people[:4]):
            Registration.objects.create(
                event=event,
                member=person,
                status="confirmed" if n < 3 else "waitlisted",
                waitlist_number=None if n < 3 else 1,
                code=f"C{event.pk:03d}{n:02d}",
            )
    return event


def count_queries(client, path) -> tuple[int, bytes]:
    client.get(path)  # warm: the header caches the activity index URL (cms) after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content


@pytest.mark.parametrize("viewer_role", ["youth", "leader"])
def test_event_list_queries_do_not_grow_and_page_fits(
    client, request, site_tree, association, bamako, kita, leader, viewer_role
):
    client.force_login(request.getfixturevalue(viewer_role))
    grow(association, bamako, kita, leader, 1)
    small, _ = count_queries(client, "/evenements/")
    grow(association, bamako, kita, leader, 10)
    big, html = count_queries(client, "/evenements/")
    assert small == big == LIST_QUERIES
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
    assert external_urls(html.decode()) == []
    assert html.count(b'class="card"') == 20  # paginated


def test_event_page_queries_do_not_grow_and_page_fits(client, site_tree, association, bamako, kita, leader, youth):
    client.force_login(youth)
    small_event = grow(association, bamako, kita, leader, 1)
    Registration.objects.create(event=small_event, member=youth, status="waitlisted", waitlist_number=2, code="W1")
    small, _ = count_queries(client, f"/evenements/{small_event.pk}/")
    big_event = grow(association, bamako, kita, leader, 10)
    more = [member_of(bamako) for _ in range(30)]
    for n, person in enumerate(more):
        Registration.objects.create(
            event=big_event, member=person, status="waitlisted", waitlist_number=10 + n, code=f"M{n:04d}"
        )
    Registration.objects.create(event=big_event, member=youth, status="waitlisted", waitlist_number=99, code="W2")
    big, html = count_queries(client, f"/evenements/{big_event.pk}/")
    assert small == big == DETAIL_QUERIES
    assert "numéro 32 sur la liste" in html.decode()
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
    assert external_urls(html.decode()) == []


def test_registrants_page_queries_do_not_grow(client, site_tree, association, bamako, kita, leader):
    client.force_login(leader)
    small_event = grow(association, bamako, kita, leader, 1)
    small, _ = count_queries(client, f"/evenements/{small_event.pk}/inscrits/")
    big_event = grow(association, bamako, kita, leader, 10)
    for n in range(60):
        Registration.objects.create(event=big_event, member=member_of(bamako), status="confirmed", code=f"R{n:04d}")
    big, html = count_queries(client, f"/evenements/{big_event.pk}/inscrits/")
    assert small == big == REGISTRANTS_QUERIES
    assert html.count(b"<tr>") == 1 + 64


def test_home_section_costs_a_fixed_number_of_queries(client, site_tree, association, bamako, kita, leader, youth):
    client.force_login(youth)
    grow(association, bamako, kita, leader, 1)
    small, _ = count_queries(client, "/")
    grow(association, bamako, kita, leader, 10)
    big, html = count_queries(client, "/")
    assert small == big
    assert html.count(b"/evenements/") >= 3


def test_api_list_queries_do_not_grow(api_client, association, bamako, kita, leader, youth):
    api_client.force_authenticate(youth)
    grow(association, bamako, kita, leader, 1)
    with CaptureQueriesContext(connection) as small:
        assert api_client.get("/api/v1/events/").status_code == 200
    grow(association, bamako, kita, leader, 10)
    youth._ton_memberships = None  # force_authenticate reuses the user object and its membership cache
    with CaptureQueriesContext(connection) as big:
        response = api_client.get("/api/v1/events/")
    assert len(response.json()["results"]) == 25
    # memberships, count, events, organisers, invited sections
    assert len(small) == len(big) == 5


def test_registration_endpoint_queries_do_not_grow(api_client, make_event, bamako):
    def register_on(event):
        person = member_of(bamako)
        api_client.force_authenticate(person)
        with CaptureQueriesContext(connection) as queries:
            response = api_client.post(f"/api/v1/events/{event.pk}/registration/")
        assert response.status_code == 201 and response.json()["status"] == "waitlisted"
        return len(queries)

    small_event, big_event = make_event(capacity=1), make_event(capacity=1)
    for event, crowd in ((small_event, 2), (big_event, 60)):
        for n in range(crowd):
            Registration.objects.create(
                event=event,
                member=member_of(bamako),
                status="confirmed" if n == 0 else "waitlisted",
                waitlist_number=None if n == 0 else n,
                code=f"Q{n:04d}",
            )
    assert register_on(small_event) == register_on(big_event)
