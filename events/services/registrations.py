"""Registering, cancelling, the waiting list and check-in: every write holds the event's row lock.

The lock (`select_for_update` on the event) serialises everything that counts places for one event, so
200 members pressing "S'inscrire" at once get exactly `capacity` confirmed places and a gap-free waiting
list; the unique constraint (event × member) settles a member pressing twenty times.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.audit import audit
from associations.models import User
from associations.services.notifications import notify
from config.errors import Conflict, DomainError, Forbidden, NotFound
from events.models import Event, EventStatus, Registration, RegistrationStatus, new_checkin_code
from events.rules import registration_refusal


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    position: int | None  # place on the waiting list, None when confirmed
    created: bool  # False when the member was already registered


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        waitlist_number__lte=registration.waitlist_number,
    ).count()


def registration_register(*, user: User, event_id: int) -> RegistrationResult:
    """Register `user`: a confirmed place when one is left, else the end of the waiting list."""
    with transaction.atomic():
        event = _lock(event_id)
        existing = Registration.objects.filter(event=event, member=user).first()
        if existing is not None and existing.is_active:
            return RegistrationResult(existing, waitlist_position(existing), created=False)
        sections = list(event.audience_sections.values_list("pk", flat=True))
        refusal = registration_refusal(user, event, audience_section_ids=sections)
        if refusal:
            raise DomainError(refusal, code="refused", status=409 if event.status == EventStatus.CANCELLED else 400)
        registration = existing or Registration(event=event, member=user, code=_free_code(event))
        registration.checked_in_at = registration.checked_in_by = registration.reminded_at = None
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if event.capacity is None or confirmed < event.capacity:
            registration.status, registration.waitlist_number = RegistrationStatus.CONFIRMED, None
        else:
            last = event.registrations.aggregate(n=Max("waitlist_number"))["n"] or 0
            registration.status, registration.waitlist_number = RegistrationStatus.WAITLISTED, last + 1
        registration.save()
    return RegistrationResult(registration, waitlist_position(registration), created=True)


def registration_cancel(*, user: User, event_id: int) -> list[Registration]:
    """Cancel `user`'s registration; a freed place goes at once to the first on the waiting list.

    Returns the promoted registrations (notified after commit).
    """
    with transaction.atomic():
        event = _lock(event_id)
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, member=user, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
            .first()
        )
        if registration is None:
            raise DomainError(_("You are not registered for this event."), code="not_registered", status=404)
        if event.has_started:
            raise Conflict(_("This event has started: registration can no longer be cancelled."), code="started")
        registration.status, registration.waitlist_number = RegistrationStatus.CANCELLED, None
        registration.save(update_fields=["status", "waitlist_number", "updated_at"])
        return promote_waitlisted(event)


def promote_waitlisted(event: Event) -> list[Registration]:
    """Fill free places from the head of the waiting list. Call with the event's row lock held."""
    if event.status != EventStatus.PUBLISHED or event.has_started:
        return []
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlist_number")
    if event.capacity is not None:
        waiting = waiting[: max(event.capacity - confirmed, 0)]
    promoted = list(waiting.select_related("member"))
    for registration in promoted:
        registration.status, registration.waitlist_number = RegistrationStatus.CONFIRMED, None
        registration.save(update_fields=["status", "waitlist_number", "updated_at"])
    if promoted:
        notify(
            [r.member for r in promoted],
            kind="event.promoted",
            message=gettext_lazy("A place is free: you are now confirmed for “%(title)s”."),
            params={"title": event.title},
            url=event.get_absolute_url(),
        )
    return promoted


def registration_check_in(
    *, actor: User, event_id: int, user_id: int | None = None, code: str | None = None
) -> tuple[Registration, bool]:
    """Mark a confirmed registrant present, by member id or by their code. Idempotent: a second tick
    returns the same registration with `False`."""
    if user_id is None and not code:
        raise DomainError(_("Give a member or a code."), code="required")
    with transaction.atomic():
        event = _lock(event_id)
        if not actor.has_perm("events.manage_event", event):
            raise Forbidden(_("Only organisers and staff may check people in."))
        if event.status != EventStatus.PUBLISHED:
            raise Conflict(_("Check-in is only possible for a published event."), code="not_published")
        found = event.registrations.select_related("member")
        found = found.filter(member_id=user_id) if user_id is not None else found.filter(code=code.strip().upper())
        registration = found.first()
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            raise DomainError(_("No registration matches."), code="not_found", status=404)
        if registration.status != RegistrationStatus.CONFIRMED:
            raise Conflict(_("This member is on the waiting list, not confirmed."), code="waitlisted")
        if registration.checked_in_at is not None:
            return registration, False
        registration.checked_in_at, registration.checked_in_by = timezone.now(), actor
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit(event, "ton.event.checkin", user=actor, member=registration.member_id)
    return registration, True


def registration_check_in_undo(*, actor: User, event_id: int, user_id: int | None) -> Registration:
    """Take back a check-in ticked by mistake (the wrong row on a crowded door). Audited like the tick."""
    if user_id is None:
        raise DomainError(_("Give a member."), code="required")
    with transaction.atomic():
        event = _lock(event_id)
        if not actor.has_perm("events.manage_event", event):
            raise Forbidden(_("Only organisers and staff may check people in."))
        registration = event.registrations.select_related("member").filter(member_id=user_id).first()
        if registration is None or registration.checked_in_at is None:
            raise DomainError(_("This member is not checked in."), code="not_checked_in", status=409)
        registration.checked_in_at = registration.checked_in_by = None
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit(event, "ton.event.checkin_undo", user=actor, member=registration.member_id)
    return registration


def _lock(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update(of=("self",)).select_related("association").get(pk=event_id)
    except Event.DoesNotExist:
        raise NotFound(_("This event does not exist.")) from None


def _free_code(event: Event) -> str:
    # Codes are unique per event; the event lock is held, so checking then writing is safe.
    taken = set(event.registrations.values_list("code", flat=True))
    code = new_checkin_code()
    while code in taken:
        code = new_checkin_code()
    return code
