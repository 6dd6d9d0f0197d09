"""Registration rules through the services: places, waiting list, promotion, refusals, check-in."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from associations.models import MembershipStatus, Notification, Role
from config.errors import DomainError
from events.models import EventStatus, Registration, RegistrationStatus
from events.services import (
    registration_cancel,
    registration_check_in,
    registration_register,
)
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def test_register_confirms_until_full_then_waitlists_in_order(event, youth, other_youth, bamako):
    third, fourth = member_of(bamako), member_of(bamako)
    assert registration_register(user=youth, event_id=event.pk).position is None
    assert registration_register(user=other_youth, event_id=event.pk).position is None
    r3 = registration_register(user=third, event_id=event.pk)
    r4 = registration_register(user=fourth, event_id=event.pk)
    assert (r3.registration.status, r3.position) == (RegistrationStatus.WAITLISTED, 1)
    assert (r4.registration.status, r4.position) == (RegistrationStatus.WAITLISTED, 2)


def test_registering_twice_returns_the_existing_registration(event, youth):
    first = registration_register(user=youth, event_id=event.pk)
    again = registration_register(user=youth, event_id=event.pk)
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(event=event, member=youth).count() == 1


def test_one_registration_per_member_is_a_database_constraint(event, youth):
    registration_register(user=youth, event_id=event.pk)
    with pytest.raises(IntegrityError):
        Registration.objects.create(event=event, member=youth, status="confirmed", code="ZZZZZZ")


def test_each_registration_gets_a_short_distinct_code(event, youth, other_youth):
    a = registration_register(user=youth, event_id=event.pk).registration.code
    b = registration_register(user=other_youth, event_id=event.pk).registration.code
    assert len(a) == 6 and len(b) == 6 and a != b


def test_cancelling_a_confirmed_place_promotes_the_first_waitlisted_and_notifies(event, youth, other_youth, bamako):
    third, fourth = member_of(bamako), member_of(bamako)
    for user in (youth, other_youth, third, fourth):
        registration_register(user=user, event_id=event.pk)
    promoted = registration_cancel(user=youth, event_id=event.pk)
    assert [r.member_id for r in promoted] == [third.pk]
    assert Registration.objects.get(event=event, member=third).status == RegistrationStatus.CONFIRMED
    fourth_reg = Registration.objects.get(event=event, member=fourth)
    assert fourth_reg.status == RegistrationStatus.WAITLISTED
    from events.services import waitlist_position

    assert waitlist_position(fourth_reg) == 1
    note = Notification.objects.get(recipient=third)
    assert note.kind == "event.promoted" and "Atelier CV" in note.text
    assert not Notification.objects.filter(recipient=fourth).exists()


def test_cancelling_a_waitlisted_place_promotes_nobody(event, youth, other_youth, bamako):
    third = member_of(bamako)
    for user in (youth, other_youth, third):
        registration_register(user=user, event_id=event.pk)
    assert registration_cancel(user=third, event_id=event.pk) == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_cancel_then_register_again_reuses_the_row(event, youth):
    registration_register(user=youth, event_id=event.pk)
    registration_cancel(user=youth, event_id=event.pk)
    again = registration_register(user=youth, event_id=event.pk)
    assert again.created and again.registration.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(event=event, member=youth).count() == 1


def test_cancel_without_registration_is_refused(event, youth):
    with pytest.raises(DomainError) as error:
        registration_cancel(user=youth, event_id=event.pk)
    assert error.value.status == 404


def refusal(user, event) -> str:
    with pytest.raises(DomainError) as error:
        registration_register(user=user, event_id=event.pk)
    assert not Registration.objects.filter(event=event, member=user).exists()
    return error.value.message


def test_refused_before_the_window_opens(make_event, youth):
    event = make_event(registration_opens_at=timezone.now() + timedelta(days=1))
    assert "opens on" in refusal(youth, event) or "ouvrent" in refusal(youth, event)


def test_refused_after_the_window_closes(make_event, youth):
    event = make_event(registration_closes_at=timezone.now() - timedelta(minutes=1))
    assert refusal(youth, event)


def test_refused_once_started(make_event, youth):
    event = make_event(starts_at=timezone.now() - timedelta(minutes=5))
    assert refusal(youth, event)


def test_refused_when_cancelled_or_not_published(make_event, youth):
    cancelled = make_event(status=EventStatus.CANCELLED)
    with pytest.raises(DomainError) as error:
        registration_register(user=youth, event_id=cancelled.pk)
    assert error.value.status == 409
    assert refusal(youth, make_event(status=EventStatus.DRAFT))
    assert refusal(youth, make_event(status=EventStatus.PENDING))


def test_refused_outside_the_audience(make_event, youth, kita_youth, leader, kita, member):
    only_leaders = make_event(audience_roles=[Role.LEADER])
    assert refusal(youth, only_leaders)
    assert registration_register(user=leader, event_id=only_leaders.pk).created
    assert refusal(kita_youth, make_event())  # a Bamako event: Bamako only by default
    for_kita = make_event(audience_sections=[kita])
    assert refusal(youth, for_kita)
    assert registration_register(user=kita_youth, event_id=for_kita.pk).created
    everyone = make_event(section=None)
    assert registration_register(user=kita_youth, event_id=everyone.pk).created
    assert refusal(member, everyone)  # not a member of the association


def test_refused_outside_the_ages(make_event, youth, other_youth, bamako):
    starts = timezone.now() + timedelta(days=3)
    age_youth = starts.year - 2009
    adults = make_event(min_age=age_youth + 1)
    assert refusal(youth, adults)
    assert registration_register(user=other_youth, event_id=adults.pk).created  # born 2006
    young = make_event(max_age=age_youth)
    assert refusal(other_youth, young)
    unknown = member_of(bamako, birth_year=None)
    assert "birth year" in refusal(unknown, young) or "année" in refusal(unknown, young)


def test_refused_when_suspended(event, youth):
    youth.memberships.update(status=MembershipStatus.SUSPENDED, suspended_until=timezone.now() + timedelta(days=3))
    youth._ton_memberships = None
    assert refusal(youth, event)


def test_check_in_by_id_and_by_code_is_idempotent(event, youth, other_youth, leader):
    registration_register(user=youth, event_id=event.pk)
    code = registration_register(user=other_youth, event_id=event.pk).registration.code
    first, new = registration_check_in(actor=leader, event_id=event.pk, user_id=youth.pk)
    again, new_again = registration_check_in(actor=leader, event_id=event.pk, user_id=youth.pk)
    assert new and not new_again and first.checked_in_at == again.checked_in_at
    by_code, new = registration_check_in(actor=leader, event_id=event.pk, code=code.lower())
    assert new and by_code.member_id == other_youth.pk


def test_check_in_refusals(event, youth, other_youth, bamako, staff, kita_staff):
    registration_register(user=youth, event_id=event.pk)
    with pytest.raises(DomainError) as error:
        registration_check_in(actor=other_youth, event_id=event.pk, user_id=youth.pk)
    assert error.value.status == 403
    with pytest.raises(DomainError) as error:
        registration_check_in(actor=kita_staff, event_id=event.pk, user_id=youth.pk)
    assert error.value.status == 403
    with pytest.raises(DomainError) as error:
        registration_check_in(actor=staff, event_id=event.pk, code="NOPE00")
    assert error.value.status == 404
    registration_register(user=other_youth, event_id=event.pk)
    waiting = member_of(bamako)
    registration_register(user=waiting, event_id=event.pk)
    with pytest.raises(DomainError) as error:
        registration_check_in(actor=staff, event_id=event.pk, user_id=waiting.pk)
    assert error.value.status == 409
    with pytest.raises(DomainError):
        registration_check_in(actor=staff, event_id=event.pk)
