"""A new event of their site (issue 12): the members it invites hear of it once, when it is published, in
their language, from the task queue and never from the publishing request."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Notification, Role, User
from events.models import Event, EventStatus
from events.services import event_create, event_publish, event_update
from events.services.announcements import event_announce
from tests.factories import MembershipFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def data(**extra):
    starts = timezone.now() + timedelta(days=5)
    values = {"title": "Tournoi de foot", "kind": "sport", "starts_at": starts, "ends_at": starts + timedelta(hours=3)}
    return values | extra


def told():
    return set(Notification.objects.filter(kind="event.new").values_list("recipient__username", flat=True))


def test_a_site_event_is_announced_to_its_site_only(
    association,
    bamako,
    staff,
    youth,
    other_youth,
    leader,
    kita_youth,
    foreign_staff,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        event_create(actor=staff, association=association, section=bamako, data=data())
    assert told() == {youth.username, other_youth.username, leader.username}  # not the author, not Kita


def test_an_association_wide_event_is_announced_to_every_site(
    association, staff, youth, kita_youth, kita_staff, foreign_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event_create(actor=staff, association=association, section=None, data=data())
    assert told() == {youth.username, kita_youth.username, kita_staff.username}


def test_the_audience_rules_decide_who_is_told(
    association, bamako, kita, staff, youth, other_youth, leader, kita_youth, django_capture_on_commit_callbacks
):
    # youth born 2009, other_youth 2006, leader 2004, kita_youth 2010; the event is in the year 5 days ahead.
    year = (timezone.now() + timedelta(days=5)).year
    with django_capture_on_commit_callbacks(execute=True):
        event = event_create(
            actor=staff,
            association=association,
            section=bamako,
            audience_sections=[bamako, kita],
            data=data(audience_roles=["youth"], min_age=year - 2009, max_age=year - 2009),
        )
    assert told() == {youth.username}
    assert event_announce(event_id=event.pk) == 0  # claimed once


def test_a_leaders_event_is_announced_when_staff_approve_it_not_before(
    association, bamako, leader, staff, youth, django_capture_on_commit_callbacks
):
    association.premoderate_leaders = True
    association.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = event_create(actor=leader, association=association, section=bamako, data=data())
    assert event.status == EventStatus.PENDING and not told()
    with django_capture_on_commit_callbacks(execute=True):
        event_publish(actor=staff, event_id=event.pk)
        event_publish(actor=staff, event_id=event.pk)  # twice: still one notice each
    assert told() == {youth.username}  # the leader organises it: told it is published, not that it is new
    assert Notification.objects.filter(kind="event.new").count() == 1


def test_a_draft_is_announced_when_submitted(association, bamako, leader, youth, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = event_create(actor=leader, association=association, section=bamako, data=data(), draft=True)
    assert not told()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(actor=leader, event_id=event.pk, data={}, submit=True)
    assert told() == {youth.username}


def test_cancelled_or_started_events_are_not_news(make_event, youth):
    cancelled = make_event(status=EventStatus.CANCELLED)
    started = make_event(starts_at=timezone.now() - timedelta(minutes=5))
    assert event_announce(event_id=cancelled.pk) == 0
    assert event_announce(event_id=started.pk) == 0
    assert not told()


def test_each_member_reads_it_in_their_language_with_when_and_where(make_event, bamako):
    french = member_of(bamako, Role.YOUTH, language="fr")
    english = member_of(bamako, Role.YOUTH, language="en")
    event = make_event(title="Atelier CV", place="Centre des jeunes")
    event_announce(event_id=event.pk)
    when = timezone.localtime(event.starts_at)
    assert Notification.objects.get(recipient=french).text == (
        f"Nouvel événement\u00a0: «\u00a0Atelier CV\u00a0» le {when:%d/%m} à {when:%H:%M}, Centre des jeunes."
    )
    assert Notification.objects.get(recipient=english).text.startswith("New event: “Atelier CV” on ")
    assert Notification.objects.get(recipient=english).url == event.get_absolute_url()


def test_publishing_to_1000_members_enqueues_and_the_task_inserts_in_bulk(
    client, association, bamako, staff, leader, django_capture_on_commit_callbacks
):
    users = User.objects.bulk_create(UserFactory.build(username=f"e{i}", birth_year=2008) for i in range(1000))
    MembershipFactory._meta.model.objects.bulk_create(
        MembershipFactory.build(user=user, section=bamako, association=association, role=Role.YOUTH) for user in users
    )
    association.premoderate_leaders = True
    association.save()
    event = event_create(actor=leader, association=association, section=bamako, data=data())
    client.force_login(staff)
    with (
        CaptureQueriesContext(connection) as publishing,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        event_publish(actor=staff, event_id=event.pk)
    assert not Notification.objects.filter(kind="event.new").exists()  # nothing sent in the request
    with CaptureQueriesContext(connection) as sending:
        for callback in callbacks:
            callback()
    assert Notification.objects.filter(kind="event.new").count() == 1000
    assert Event.objects.get(pk=event.pk).announced_at is not None
    assert len(publishing) <= 12, [q["sql"] for q in publishing]
    assert len(sending) <= 12, [q["sql"] for q in sending]
