"""Event lifecycle through the services: creation and pre-moderation, capacity, cancel, reminders, calendars."""

from datetime import timedelta
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from associations.models import Notification
from config.errors import DomainError
from events.calendars import calendar_bytes
from events.models import EventStatus, Registration, RegistrationStatus
from events.services import (
    event_cancel,
    event_create,
    event_publish,
    event_reminders_send,
    event_update,
    registration_register,
)
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def data(**extra):
    starts = timezone.now() + timedelta(days=5)
    values = {"title": "Tournoi de foot", "kind": "sport", "starts_at": starts, "ends_at": starts + timedelta(hours=3)}
    return values | extra


def test_staff_publish_directly(association, bamako, staff):
    event = event_create(actor=staff, association=association, section=bamako, data=data())
    assert event.status == EventStatus.PUBLISHED
    assert list(event.organisers.all()) == [staff]


def test_leader_event_follows_the_premoderation_setting(association, bamako, leader, staff):
    assert event_create(actor=leader, association=association, section=bamako, data=data()).status == "published"
    association.premoderate_leaders = True
    association.save()
    event = event_create(actor=leader, association=association, section=None, data=data())
    assert event.status == EventStatus.PENDING
    assert list(Notification.objects.filter(kind="event.pending").values_list("recipient_id", flat=True)) == [staff.pk]
    with pytest.raises(DomainError) as error:
        event_publish(actor=leader, event_id=event.pk)
    assert error.value.status == 403
    assert event_publish(actor=staff, event_id=event.pk).status == EventStatus.PUBLISHED
    assert Notification.objects.filter(recipient=leader, kind="event.published").exists()


def test_draft_stays_draft_until_submitted(association, bamako, leader):
    event = event_create(actor=leader, association=association, section=bamako, data=data(), draft=True)
    assert event.status == EventStatus.DRAFT
    assert event_update(actor=leader, event_id=event.pk, data={}, submit=True).status == EventStatus.PUBLISHED


def test_who_may_create_where(association, bamako, kita, youth, leader, foreign_staff, admin):
    with pytest.raises(DomainError):
        event_create(actor=youth, association=association, section=bamako, data=data())
    with pytest.raises(DomainError):
        event_create(actor=leader, association=association, section=kita, data=data())  # not their section
    with pytest.raises(DomainError):
        event_create(actor=foreign_staff, association=association, section=None, data=data())
    assert event_create(actor=admin, association=association, section=kita, data=data()).status == "published"


def test_creation_validates_dates_ages_and_organisers(association, bamako, leader, foreign_staff):
    starts = timezone.now() + timedelta(days=2)
    bad = [
        data(ends_at=starts - timedelta(days=1), starts_at=starts),
        data(min_age=20, max_age=15),
        data(registration_opens_at=starts, registration_closes_at=starts - timedelta(hours=1)),
        data(title="  "),
        data(audience_roles=["king"]),
    ]
    for values in bad:
        with pytest.raises(DomainError):
            event_create(actor=leader, association=association, section=bamako, data=values)
    with pytest.raises(DomainError):
        event_create(actor=leader, association=association, section=bamako, data=data(), organisers=[foreign_staff])


def test_lowering_capacity_below_confirmed_is_refused_and_raising_promotes(make_event, leader, bamako):
    event = make_event(capacity=3)
    people = [member_of(bamako) for _ in range(5)]
    for person in people:
        registration_register(user=person, event_id=event.pk)
    with pytest.raises(DomainError) as error:
        event_update(actor=leader, event_id=event.pk, data={"capacity": 2})
    assert error.value.code == "capacity_below_confirmed" and "3" in error.value.message
    event.refresh_from_db()
    assert event.capacity == 3
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3
    event_update(actor=leader, event_id=event.pk, data={"capacity": 4})
    assert Registration.objects.get(event=event, member=people[3]).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(event=event, member=people[4]).status == RegistrationStatus.WAITLISTED
    event_update(actor=leader, event_id=event.pk, data={"capacity": None})
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5


def test_only_managers_may_update(event, youth, kita_staff, staff):
    for outsider in (youth, kita_staff):
        with pytest.raises(DomainError) as error:
            event_update(actor=outsider, event_id=event.pk, data={"title": "Piraté"})
        assert error.value.status == 403
    assert event_update(actor=staff, event_id=event.pk, data={"title": "Nouveau"}).title == "Nouveau"


def test_cancel_event_needs_a_reason_and_notifies_every_registrant(event, leader, youth, other_youth, bamako):
    waiting = member_of(bamako)
    for person in (youth, other_youth, waiting):
        registration_register(user=person, event_id=event.pk)
    with pytest.raises(DomainError):
        event_cancel(actor=leader, event_id=event.pk, reason=" ")
    event_cancel(actor=leader, event_id=event.pk, reason="Pluie annoncée")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.cancel_reason == "Pluie annoncée"
    notified = set(Notification.objects.filter(kind="event.cancelled").values_list("recipient_id", flat=True))
    assert notified == {youth.pk, other_youth.pk, waiting.pk}
    with pytest.raises(DomainError):
        registration_register(user=member_of(bamako), event_id=event.pk)


def test_cancel_refused_to_other_youths(event, youth):
    with pytest.raises(DomainError) as error:
        event_cancel(actor=youth, event_id=event.pk, reason="non")
    assert error.value.status == 403


def test_reminder_sent_once_even_if_run_twice(make_event, youth, other_youth, bamako):
    tomorrow = make_event(starts_at=timezone.now() + timedelta(hours=20), capacity=1)
    later = make_event(starts_at=timezone.now() + timedelta(days=4))
    registration_register(user=youth, event_id=tomorrow.pk)
    registration_register(user=other_youth, event_id=tomorrow.pk)  # waitlisted: no reminder
    registration_register(user=youth, event_id=later.pk)
    assert event_reminders_send() == 1
    assert event_reminders_send() == 0
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().startswith("0 ")
    reminders = Notification.objects.filter(kind="event.reminder")
    assert [n.recipient_id for n in reminders] == [youth.pk]
    code = Registration.objects.get(event=tomorrow, member=youth).code
    assert code in reminders[0].text


def test_no_reminder_for_cancelled_events(make_event, youth):
    event = make_event(starts_at=timezone.now() + timedelta(hours=5))
    registration_register(user=youth, event_id=event.pk)
    event.status = EventStatus.CANCELLED
    event.save()
    assert event_reminders_send() == 0


def test_calendar_is_valid_icalendar_in_bamako_time(make_event):
    event = make_event(title="Réunion du bureau", place="Salle 2", description="Ordre du jour")
    parsed = icalendar.Calendar.from_ical(calendar_bytes([event], name="Test"))
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent["summary"]) == "Réunion du bureau"
    assert str(vevent["location"]) == "Salle 2"
    start = vevent.decoded("dtstart")
    assert str(start.tzinfo) == "Africa/Bamako"
    assert start == event.starts_at.replace(microsecond=0)
    assert vevent["dtstart"].params["TZID"] == "Africa/Bamako"
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == ["Africa/Bamako"]


def test_actions_are_audited(association, bamako, staff, youth):
    from wagtail.models import ModelLogEntry

    event = event_create(actor=staff, association=association, section=bamako, data=data())
    registration_register(user=youth, event_id=event.pk)
    from events.services import registration_check_in

    registration_check_in(actor=staff, event_id=event.pk, user_id=youth.pk)
    event_cancel(actor=staff, event_id=event.pk, reason="Tempête")
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(event.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["ton.event.create", "ton.event.checkin", "ton.event.cancel"]
