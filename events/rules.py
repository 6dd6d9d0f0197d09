"""Who may do what with events. The one place these decisions are made (HTML views, API and services).

- see an event: members of its association see published and cancelled events; drafts and events awaiting
  approval are seen only by those who manage them.
- create: leaders and staff (not suspended) of the association, platform admins.
- manage (edit, cancel, see registrants, check people in, write the report): the event's organisers and
  creator, staff of its section (any staff of the association when it is for all sections), admins.
- publish an event awaiting approval: staff as above, admins.
"""

import rules
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from associations.predicates import (
    active_membership,
    is_active_leader_or_staff,
    is_active_leader_or_staff_anywhere,
    is_active_member,
    is_platform_admin,
    is_section_staff,
)
from associations.selectors import membership_in
from events.models import Event, EventStatus

VISIBLE_TO_MEMBERS = {EventStatus.PUBLISHED, EventStatus.CANCELLED}

# Staff of the event's section (any staff of the association for an event for all sections), or an admin.
is_event_staff = is_platform_admin | is_section_staff


@rules.predicate
def is_organiser(user, event: Event | None) -> bool:
    if event is None or active_membership(user, event) is None:
        return False
    if event.created_by_id == user.pk:
        return True
    # The organisers list may be prefetched by the selector; fall back to one query.
    cache = getattr(event, "_prefetched_objects_cache", {})
    if "organisers" in cache:
        return any(o.pk == user.pk for o in cache["organisers"])
    return event.organisers.filter(pk=user.pk).exists()


@rules.predicate
def is_member_viewer(user, event: Event | None) -> bool:
    # Seeing is not acting: a suspended member still sees the association's events.
    return (
        event is not None
        and event.status in VISIBLE_TO_MEMBERS
        and membership_in(user, event.association_id) is not None
    )


can_manage = is_event_staff | is_organiser
rules.add_perm("events.view_event", can_manage | is_member_viewer)
rules.add_perm("events.manage_event", can_manage)
rules.add_perm("events.publish_event", is_event_staff)


def can_create_event(user, association_id: int | None = None) -> bool:
    """Leaders and staff may create events (in their own association; anywhere they are, when no
    association is named); admins anywhere."""
    if association_id is None:
        return is_platform_admin(user) or is_active_leader_or_staff_anywhere(user)
    return is_platform_admin(user) or is_active_leader_or_staff(user, association_id)


def may_use_section(user, association_id: int, section_id: int | None) -> bool:
    """A creator places the event in their own section or in all sections; admins anywhere."""
    if is_platform_admin(user) or section_id is None:
        return True
    own = active_membership(user, association_id)
    return own is not None and own.section_id == section_id


def audience_refusal(user, event: Event, audience_section_ids: list[int]) -> str | None:
    """Why `user` is not in the event's audience (None when they are). Suspension is checked elsewhere."""
    own = membership_in(user, event.association_id) if user.is_authenticated else None
    if own is None:
        return str(_("Only members of the association may register."))
    if event.audience_roles and own.role not in event.audience_roles:
        return str(_("This event is for: %(roles)s.") % {"roles": ", ".join(event.role_labels())})
    sections = audience_section_ids or ([event.section_id] if event.section_id else [])
    if sections and own.section_id not in sections:
        return str(_("This event is for other sections."))
    if event.min_age is not None or event.max_age is not None:
        age = user.age_on(event.starts_at.date())
        if age is None:
            return str(_("This event has an age limit and your birth year is not known: ask your educator."))
        if event.min_age is not None and age < event.min_age:
            return str(_("This event is for members aged %(age)s or more.") % {"age": event.min_age})
        if event.max_age is not None and age > event.max_age:
            return str(_("This event is for members aged %(age)s or less.") % {"age": event.max_age})
    return None


def registration_refusal(user, event: Event, *, audience_section_ids: list[int]) -> str | None:
    """Why `user` may not register for `event` now (None when they may). Shared by pages, API and services."""
    now = timezone.now()
    if event.status == EventStatus.CANCELLED:
        return gettext("This event is cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return gettext("This event is not published yet.")
    if event.starts_at <= now:
        return gettext("This event has already started: registration is closed.")
    if event.registration_opens_at and now < event.registration_opens_at:
        when = formats.date_format(timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT")
        return gettext("Registration opens on %(when)s.") % {"when": when}
    if event.registration_closes_at and now >= event.registration_closes_at:
        return gettext("Registration is closed.")
    refusal = audience_refusal(user, event, audience_section_ids)
    if refusal:
        return refusal
    if not is_active_member(user, event.association_id):
        return gettext("Your membership is suspended: you cannot register for now.")
    return None


def join_hint(user, event: Event, audience_section_ids: list[int]) -> str | None:
    """What the event list says under an event the member has not joined: why they cannot (closed, not
    their site, age, role, suspended…), or that it is full and they would join the waiting list. None when
    they may simply register. Reads the `confirmed_count` annotation: no query per event."""
    refusal = registration_refusal(user, event, audience_section_ids=audience_section_ids)
    if refusal:
        return refusal
    if event.places_left == 0:
        return str(_("Full: you can join the waiting list."))
    return None
