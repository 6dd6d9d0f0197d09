"""Writes on events: create, update (including capacity), publish, cancel."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from associations.audit import audit
from associations.models import Association, Membership, Role, Section, User
from associations.predicates import is_staff_of
from associations.selectors import acting_association
from associations.services.notifications import notify
from config.errors import Conflict, DomainError, Forbidden
from events import rules as policy
from events.models import Event, EventKind, EventStatus, RegistrationStatus
from events.selectors import review_section_id, reviewers

# Fields a creator or organiser may set; anything else sent is ignored (no mass assignment).
EDITABLE = (
    "title",
    "description",
    "kind",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "audience_roles",
    "min_age",
    "max_age",
)


def event_create(
    *,
    actor: User,
    association: Association | int | None = None,
    section: Section | None,
    data: dict,
    audience_sections: Iterable[Section] = (),
    organisers: Iterable[User] = (),
    draft: bool = False,
) -> Event:
    """Create an event. Staff publish directly; a leader's event waits for staff when the association
    holds leaders' content for review. `association` (or its id) defaults to the one the actor acts for."""
    association = acting_association(actor, association)
    if not policy.can_create_event(actor, association.pk):
        raise Forbidden(_("Only leaders and staff may create events."))
    _check_section(actor, association, section)
    event = Event(association=association, section=section, created_by=actor)
    _assign(event, data)
    _validate(event)
    audience_sections = _check_sections(association, audience_sections)
    organisers = _check_organisers(association, organisers)
    with transaction.atomic():
        event.status = EventStatus.DRAFT if draft else _publish_status(actor, event)
        event.save()
        event.audience_sections.set(audience_sections)
        event.organisers.set({actor.pk: actor, **{o.pk: o for o in organisers}}.values())
        audit(event, "ton.event.create", user=actor, title=event.title, status=event.status)
        if event.status == EventStatus.PENDING:
            _ask_review(event)
        _announce_after_commit(event, by=actor)
    return event


def _ask_review(event: Event) -> None:
    notify(
        _reviewers(event),
        kind="event.pending",
        message=gettext_lazy("An event awaits your approval: “%(title)s”."),
        params={"title": event.title},
        url=event.get_absolute_url(),
    )


def _reviewers(event: Event) -> list[User]:
    """Staff of the event's site (of the creator's site for an event for all sections): who may publish it."""
    section_id = review_section_id(event.created_by, event.association_id, event.section_id)
    return reviewers(event.association_id, section_id)


def event_update(
    *,
    actor: User,
    event_id: int,
    data: dict,
    audience_sections: Iterable[Section] | None = None,
    organisers: Iterable[User] | None = None,
    submit: bool = False,
) -> Event:
    """Change an event. Lowering the capacity below the confirmed count is refused (nobody is dropped
    silently); raising it promotes waitlisted members at once, under the event's row lock."""
    from events.services.registrations import promote_waitlisted

    with transaction.atomic():
        event = Event.objects.select_for_update(of=("self",)).select_related("association").get(pk=event_id)
        if not actor.has_perm("events.manage_event", event):
            raise Forbidden(_("You may not change this event."))
        if event.status == EventStatus.CANCELLED:
            raise Conflict(_("This event is cancelled: it can no longer be changed."), code="cancelled")
        _assign(event, data)
        _validate(event)
        if "capacity" in data and event.capacity is not None:
            confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            if event.capacity < confirmed:
                raise Conflict(
                    ngettext(
                        "%(count)s member is already confirmed: the number of places cannot be lower than "
                        "%(count)s. Ask them to cancel first.",
                        "%(count)s members are already confirmed: the number of places cannot be lower than "
                        "%(count)s. Ask some of them to cancel first.",
                        confirmed,
                    )
                    % {"count": confirmed},
                    code="capacity_below_confirmed",
                )
        submitted = submit and event.status == EventStatus.DRAFT
        if submitted:
            event.status = _publish_status(actor, event)
        event.save()
        if submitted and event.status == EventStatus.PENDING:
            _ask_review(event)
        if submitted:
            _announce_after_commit(event, by=actor)
        if audience_sections is not None:
            event.audience_sections.set(_check_sections(event.association, audience_sections))
        if organisers is not None:
            event.organisers.set(_check_organisers(event.association, organisers) or [actor])
        promoted = promote_waitlisted(event)
        audit(event, "ton.event.update", user=actor, fields=",".join(sorted(data)), promoted=len(promoted))
    return event


def event_publish(*, actor: User, event_id: int) -> Event:
    """Staff publish an event awaiting approval (or a draft)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if not actor.has_perm("events.publish_event", event):
            raise Forbidden(_("Only staff may publish this event."))
        if event.status == EventStatus.CANCELLED:
            raise Conflict(_("This event is cancelled."), code="cancelled")
        if event.status != EventStatus.PUBLISHED:
            event.status = EventStatus.PUBLISHED
            event.save(update_fields=["status", "updated_at"])
            audit(event, "ton.event.publish", user=actor)
            notify(
                [u for u in event.organisers.all() if u.pk != actor.pk],
                kind="event.published",
                message=gettext_lazy("Your event “%(title)s” is published."),
                params={"title": event.title},
                url=event.get_absolute_url(),
            )
            _announce_after_commit(event, by=actor)
    return event


def event_cancel(*, actor: User, event_id: int, reason: str) -> Event:
    """Cancel an event with a reason; every registrant (confirmed or waiting) is told."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason: it is sent to everyone registered."), code="reason_required")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if not actor.has_perm("events.manage_event", event):
            raise Forbidden(_("You may not cancel this event."))
        if event.status == EventStatus.CANCELLED:
            return event
        if event.is_past:
            raise Conflict(_("This event is over: it can no longer be cancelled."), code="past")
        event.status = EventStatus.CANCELLED
        event.cancel_reason = reason[:500]
        event.cancelled_at = timezone.now()
        event.save(update_fields=["status", "cancel_reason", "cancelled_at", "updated_at"])
        registrants = User.objects.filter(
            event_registrations__event=event, event_registrations__status__in=_active_statuses()
        )
        notify(
            registrants,
            kind="event.cancelled",
            message=gettext_lazy("“%(title)s” is cancelled: %(reason)s"),
            params={"title": event.title, "reason": reason},
            url=event.get_absolute_url(),
        )
        audit(event, "ton.event.cancel", user=actor, reason=reason)
    return event


def _announce_after_commit(event: Event, *, by: User) -> None:
    """Queue the announcement once the publishing transaction has committed (never in the request)."""
    from events.tasks import announce_event

    if event.status == EventStatus.PUBLISHED:
        # robust: an unreachable queue is logged, never a failed request (the event itself is published).
        transaction.on_commit(lambda: announce_event.enqueue(event.pk, by.pk), robust=True)


def _active_statuses() -> list[str]:
    return [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


def _publish_status(actor: User, event: Event) -> str:
    if is_staff_of(actor, event.association_id, event.section_id):
        return EventStatus.PUBLISHED
    if event.association.premoderate_leaders:
        return EventStatus.PENDING
    return EventStatus.PUBLISHED


def _assign(event: Event, data: dict) -> None:
    for field in EDITABLE:
        if field in data:
            setattr(event, field, data[field])
    if event.title is not None:
        event.title = event.title.strip()


def _validate(event: Event) -> None:
    if not event.title:
        raise DomainError(_("Give the event a title."), code="title_required")
    if event.kind not in EventKind.values:
        raise DomainError(_("Unknown kind of event."), code="kind")
    if not isinstance(event.starts_at, datetime) or not isinstance(event.ends_at, datetime):
        raise DomainError(_("Give the start and the end of the event."), code="dates_required")
    if event.ends_at < event.starts_at:
        raise DomainError(_("The event must end after it starts."), code="ends_before_start")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        raise DomainError(_("Registration must close after it opens."), code="window")
    if closes and closes > event.ends_at:
        raise DomainError(_("Registration must close before the event ends."), code="window")
    if event.min_age is not None and event.max_age is not None and event.min_age > event.max_age:
        raise DomainError(_("The minimum age is above the maximum age."), code="ages")
    if not isinstance(event.audience_roles, list) or not set(event.audience_roles) <= set(Role.values):
        raise DomainError(_("Unknown role in the audience."), code="roles")
    event.audience_roles = sorted(set(event.audience_roles))


def _check_section(actor: User, association: Association, section: Section | None) -> None:
    if section is not None and section.association_id != association.pk:
        raise DomainError(_("This section belongs to another association."), code="section")
    if not policy.may_use_section(actor, association.pk, section.pk if section else None):
        raise Forbidden(_("You may create events for your own section or for all sections."))


def _check_sections(association: Association, sections: Iterable[Section]) -> list[Section]:
    sections = list(sections)
    if any(s.association_id != association.pk for s in sections):
        raise DomainError(_("This section belongs to another association."), code="section")
    return sections


def _check_organisers(association: Association, organisers: Iterable[User]) -> list[User]:
    organisers = list(organisers)
    members = set(
        Membership.objects.filter(association=association, user__in=organisers).values_list("user_id", flat=True)
    )
    if any(o.pk not in members for o in organisers):
        raise DomainError(_("Organisers must be members of the association."), code="organisers")
    return organisers
