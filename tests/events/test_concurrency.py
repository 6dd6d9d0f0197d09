"""Real parallel transactions on PostgreSQL: nobody is over-booked, the waiting list stays fair.

Each worker thread has its own database connection (Django's connections are per thread). The pool is
bounded by PostgreSQL's connection limit (100 by default, shared with other sessions), so 200 requests
are served by WORKERS connections racing each other, all released at the same instant by a barrier.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from associations.models import Notification, Role
from events.models import Event, EventStatus, Registration, RegistrationStatus
from events.services import registration_cancel, registration_register, waitlist_position
from tests.factories import AssociationFactory, SectionFactory, member_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 24


def run_at_once(calls):
    """Run every callable in parallel threads, released together; return results (or exceptions)."""
    gate = threading.Barrier(min(WORKERS, len(calls)))
    local = threading.local()

    def run(call):
        if not getattr(local, "waited", False):
            local.waited = True
            gate.wait(timeout=30)
        try:
            return call()
        except Exception as error:  # the test inspects what each call raised
            return error
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def setting():
    section = SectionFactory(association=AssociationFactory(slug="imaj-pg"), slug="bamako")
    leader = member_of(section, Role.LEADER)
    starts = timezone.now() + timedelta(days=2)
    event = Event.objects.create(
        association=section.association,
        section=section,
        title="Formation secourisme",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        capacity=30,
        status=EventStatus.PUBLISHED,
        created_by=leader,
    )
    return section, event


def fresh(user_id):
    return get_user_model().objects.get(pk=user_id)


def test_200_members_at_once_for_30_places(setting):
    section, event = setting
    ids = [member_of(section).pk for _ in range(200)]
    results = run_at_once([lambda uid=uid: registration_register(user=fresh(uid), event_id=event.pk) for uid in ids])
    assert not [r for r in results if isinstance(r, Exception)]
    statuses = [r.registration.status for r in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 30
    assert statuses.count(RegistrationStatus.WAITLISTED) == 170
    assert sorted(r.position for r in results if r.position) == list(range(1, 171))
    rows = Registration.objects.filter(event=event)
    assert rows.count() == 200
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 30
    waiting = list(rows.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlist_number"))
    assert [waitlist_position(r) for r in waiting] == list(range(1, 171))
    assert len({r.code for r in rows}) == 200


def test_one_member_20_times_at_once_gets_one_registration(setting):
    section, event = setting
    uid = member_of(section).pk
    results = run_at_once([lambda: registration_register(user=fresh(uid), event_id=event.pk) for _ in range(20)])
    assert not [r for r in results if isinstance(r, Exception)]
    assert sum(1 for r in results if r.created) == 1
    assert len({r.registration.pk for r in results}) == 1
    assert Registration.objects.filter(event=event, member_id=uid).count() == 1


def test_10_cancellations_at_once_promote_exactly_10_in_waiting_list_order(setting):
    section, event = setting
    ids = [member_of(section).pk for _ in range(50)]
    for uid in ids:  # in order: the first 30 confirmed, then the waiting list 1..20
        registration_register(user=fresh(uid), event_id=event.pk)
    leaving, waiting = ids[:10], ids[30:]
    results = run_at_once([lambda uid=uid: registration_cancel(user=fresh(uid), event_id=event.pk) for uid in leaving])
    assert not [r for r in results if isinstance(r, Exception)]
    promoted = sorted(r.member_id for batch in results for r in batch)
    assert promoted == sorted(waiting[:10])
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 30
    assert set(rows.filter(status=RegistrationStatus.CONFIRMED).values_list("member_id", flat=True)) == set(ids[10:40])
    still = list(rows.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlist_number"))
    assert [r.member_id for r in still] == waiting[10:]
    assert [waitlist_position(r) for r in still] == list(range(1, 11))
    notified = set(Notification.objects.filter(kind="event.promoted").values_list("recipient_id", flat=True))
    assert notified == set(waiting[:10])


def test_200_parallel_http_requests_through_the_api(setting, asgi_live_server):
    """The same race over real HTTP: 200 members POST at once to a live ASGI server (token auth)."""
    import json
    import urllib.request

    from rest_framework.authtoken.models import Token

    section, event = setting
    tokens = [Token.objects.create(user=member_of(section)).key for _ in range(200)]
    url = f"{asgi_live_server.url}/api/v1/events/{event.pk}/registration/"

    def post(token):
        request = urllib.request.Request(url, method="POST", headers={"Authorization": f"Token {token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())

    results = run_at_once([lambda token=token: post(token) for token in tokens])
    assert not [r for r in results if isinstance(r, Exception)]
    assert {status for status, _ in results} == {201}
    bodies = [body for _, body in results]
    assert sum(1 for b in bodies if b["status"] == "confirmed") == 30
    assert sorted(b["position"] for b in bodies if b["status"] == "waitlisted") == list(range(1, 171))
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 30


def test_reminders_run_twice_at_once_send_each_reminder_once(setting):
    from events.services import event_reminders_send

    section, event = setting
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() + timedelta(hours=12), ends_at=timezone.now() + timedelta(hours=14)
    )
    for _ in range(30):
        registration_register(user=member_of(section), event_id=event.pk)
    sent = run_at_once([event_reminders_send, event_reminders_send, event_reminders_send])
    assert sum(sent) == 30
    reminders = Notification.objects.filter(kind="event.reminder")
    assert reminders.count() == 30
    assert len(set(reminders.values_list("recipient_id", flat=True))) == 30
