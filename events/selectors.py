"""Reads of events, each in a fixed number of queries whatever the number of events and registrations.

Lists are filtered by the same policy as the event page (`events.rules`): a list never shows an event the
page would refuse.
"""

from datetime import datetime

from django.db.models import Case, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from associations.models import Membership, Section, User
from associations.predicates import active_memberships, active_staff_memberships, is_staff_of
from associations.selectors import audience_members, primary_membership, user_memberships
from config.errors import NotFound
from events.models import Event, EventStatus, Registration, RegistrationStatus
from events.rules import VISIBLE_TO_MEMBERS, join_hint

PAGE_SIZE = 20


def events_visible_to(viewer) -> QuerySet[Event]:
    """Published and cancelled events of the viewer's associations, plus drafts and events awaiting
    approval that the viewer manages (organiser, creator, staff of the section)."""
    base = Event.objects.all()
    if not getattr(viewer, "is_authenticated", False):
        return base.none()
    if viewer.is_superuser:
        return base
    visible = Q(association_id__in=list(user_memberships(viewer)), status__in=list(VISIBLE_TO_MEMBERS))
    active = [m.association_id for m in active_memberships(viewer)]
    if active:
        organised = Event.organisers.through.objects.filter(user_id=viewer.pk).values("event_id")
        visible |= Q(association_id__in=active) & (Q(created_by=viewer) | Q(pk__in=organised))
    for m in active_staff_memberships(viewer):
        visible |= Q(association_id=m.association_id) & (Q(section_id=m.section_id) | Q(section__isnull=True))
    return base.filter(visible)


def require_event_visible(viewer, event_id: int) -> None:
    """One query: NotFound unless the viewer may see this event (registration endpoints need no more)."""
    if not events_visible_to(viewer).filter(pk=event_id).exists():
        raise NotFound()


def _with_counts(events: QuerySet[Event], viewer) -> QuerySet[Event]:
    events = events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )
    if getattr(viewer, "is_authenticated", False):
        mine = Registration.objects.filter(event=OuterRef("pk"), member=viewer).values("status")[:1]
        events = events.annotate(my_status=Subquery(mine))
    return events


def event_list(
    viewer, *, section: str = "", kind: str = "", past: bool = False, now: datetime | None = None
) -> QuerySet[Event]:
    """Upcoming (or past) events the viewer may see, filtered by section slug (events for all sections
    included) and kind, with places taken and the viewer's own registration status."""
    now = now or timezone.now()
    events = events_visible_to(viewer).select_related("section")
    if past:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if section:
        events = events.filter(Q(section__slug=section) | Q(section__isnull=True))
    if kind:
        events = events.filter(kind=kind)
    return _with_counts(events, viewer)


ALL_SECTIONS = "all"


def list_section(viewer, wanted: str) -> str:
    """The section the event list shows (a slug), "" for every section. Nothing asked: the viewer's own site
    (with the events for all sections); ALL_SECTIONS: every site."""
    wanted = (wanted or "")[:50]
    if wanted == ALL_SECTIONS:
        return ""
    if wanted:
        return wanted
    own = primary_membership(viewer) if getattr(viewer, "is_authenticated", False) else None
    return own.section.slug if own else ""


def with_join_hints(viewer, events) -> list[Event]:
    """Each event with `join_hint` (events.rules.join_hint) unless the viewer is registered or manages it;
    `events` must prefetch "audience_sections" (no query per event then)."""
    events = list(events)
    for event in events:
        registered = getattr(event, "my_status", None) in {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED}
        sections = [s.pk for s in event.audience_sections.all()]
        quiet = registered or event.is_past or event.status == EventStatus.CANCELLED  # the card says it already
        event.join_hint = None if quiet else join_hint(viewer, event, sections)
    return events


def upcoming_for_home(viewer, *, limit: int = 3) -> list[Event]:
    """The next published events the viewer may see, those they are registered for first (one query): what
    they committed to stays on the home page even when other events come sooner."""
    events = event_list(viewer).filter(status=EventStatus.PUBLISHED)
    if getattr(viewer, "is_authenticated", False):
        registered = Q(my_status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        events = events.order_by(Case(When(registered, then=Value(0)), default=Value(1)), "starts_at", "pk")
    return list(events[:limit])


def filter_sections(viewer) -> list[Section]:
    """Sections offered in the list's filter: those of the viewer's associations."""
    if getattr(viewer, "is_superuser", False):
        return list(Section.objects.order_by("name"))
    return list(Section.objects.filter(association_id__in=list(user_memberships(viewer))).order_by("name"))


def event_for_viewer(viewer, event_id: int) -> Event:
    """The event with its counts, organisers and invited sections, if the viewer may see it (3 queries);
    NotFound otherwise (an event the viewer may not see is not confirmed to exist). Page, API and
    services read an event for a viewer through here."""
    events = _with_counts(events_visible_to(viewer).filter(pk=event_id), viewer)
    organisers = Prefetch("organisers", queryset=User.objects.order_by("display_name", "pk"))
    event = events.select_related("section", "association").prefetch_related(organisers, "audience_sections").first()
    if event is None:
        raise NotFound()
    return event


def viewer_registration(viewer, event: Event) -> Registration | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, member=viewer).first()


def leaving_gives_up_a_taken_place(registration: Registration | None, event: Event) -> bool:
    """A confirmed place on a full event cannot be taken back once left: the member confirms first."""
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED and event.places_left == 0


def registrants(event: Event) -> QuerySet[Registration]:
    """Confirmed then waitlisted registrants, with the section of each (one query)."""
    section = Membership.objects.filter(user=OuterRef("member"), association_id=event.association_id)
    return (
        event.registrations.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        .select_related("member")
        .annotate(section_name=Subquery(section.values("section__name")[:1]))
        .order_by("status", "waitlist_number", "member__display_name", "pk")
    )


def reviewers(association_id: int, section_id: int | None) -> list[User]:
    """Staff told that an event of `section_id` awaits approval: the staff of that site. For an event for all
    sections the caller passes the creator's site (its staff may publish it), not the whole association; only a
    site without staff falls back to every staff member, so that someone is told. Page and service agree."""
    staff = Membership.objects.staff_of(association_id, section_id).select_related("user")
    staff = staff.order_by("user__display_name", "pk")
    found = [m.user for m in staff]
    if not found and section_id is not None:
        found = [m.user for m in Membership.objects.staff_of(association_id).select_related("user")]
    return found


def review_section_id(user, association_id: int, event_section_id: int | None) -> int | None:
    """The site whose staff review a leader's event: the event's, or the creator's for all sections."""
    if event_section_id is not None:
        return event_section_id
    own = user_memberships(user).get(association_id) if user is not None else None
    return own.section_id if own else None


def who_is_told(user, association, section_id: int | None) -> list[User] | None:
    """For the event form: the staff told when this user's event awaits approval, or None when their events
    are published at once (staff, or an association that does not hold leaders' events)."""
    if is_staff_of(user, association.pk, section_id) or not association.premoderate_leaders:
        return None
    return reviewers(association.pk, review_section_id(user, association.pk, section_id))


def own_section_id(user, association_id: int) -> int | None:
    """The form's default section: the creator's own site."""
    own = user_memberships(user).get(association_id)
    return own.section_id if own else None


def checked_in_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False).count()


def feed_events(user: User) -> QuerySet[Event]:
    """Events the member is registered for (confirmed or waiting), for their private calendar feed."""
    return (
        Event.objects.filter(
            registrations__member=user,
            registrations__status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
            status__in=list(VISIBLE_TO_MEMBERS),
        )
        .select_related("section")
        .order_by("starts_at")
    )


def event_audience(event: Event) -> QuerySet[User]:
    """Members the event invites, as one filter: the same rule as `events.rules.audience_refusal` (roles,
    sections invited, or its own section, or the whole association; ages in the year it starts), among
    memberships that grant rights now."""
    sections = list(event.audience_sections.values_list("pk", flat=True)) or (
        [event.section_id] if event.section_id else []
    )
    return audience_members(
        event.association_id,
        roles=event.audience_roles,
        sections=sections,
        year=event.starts_at.year,
        min_age=event.min_age,
        max_age=event.max_age,
    )


def events_for_moderation(viewer, staff_association_ids=()) -> QuerySet[Event]:
    """The events a member may report or staff may moderate: the same rule as every events page (moderation's
    registry asks it instead of its own status rule, since an event's author is `created_by`)."""
    return events_visible_to(viewer)
