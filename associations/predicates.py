"""Membership facts every app's permissions are built from: the one place "active member", "active staff"
and "active leader or staff" are derived.

A membership counts only while `Membership.objects.effective()` says so (active, or suspended until a
moment that has passed), so an expired suspension counts the same in every app. The facts read the
user's memberships once per user object (`user_memberships`, one query, with the `effective` flag
computed by that queryset), so a page asking many questions costs no more queries than asking one.

Each fact is a `rules` predicate (so `rules.py` modules combine them into named permissions) and a plain
function (services and selectors call it directly). `scope` is an association, its id, or any object with
an `association_id` (a membership, an event, a poll, a queue entry); without one every fact answers False,
because Wagtail and Django also ask model-level questions (`has_perm("app.perm")`) through the same backend.
"""

import rules

from associations.models import Association, Membership, Role
from associations.selectors import user_memberships

LEADER_OR_STAFF = frozenset({Role.LEADER, Role.STAFF})


def _association_id(scope) -> int | None:
    if scope is None or isinstance(scope, int):
        return scope
    if isinstance(scope, Association):
        return scope.pk
    return getattr(scope, "association_id", None)


def _section_id(section) -> int | None:
    return section if section is None or isinstance(section, int) else section.pk


def active_memberships(user) -> list[Membership]:
    """The user's memberships that grant rights now (none for visitors)."""
    return [m for m in user_memberships(user).values() if m.effective]


def active_membership(user, scope) -> Membership | None:
    """The user's membership in the scope's association, if it grants rights now."""
    association_id = _association_id(scope)
    own = user_memberships(user).get(association_id) if association_id is not None else None
    return own if own is not None and own.effective else None


def _acts_as_staff(membership: Membership) -> bool:
    """The one definition of "active staff"."""
    return membership.effective and membership.role == Role.STAFF


def active_staff_memberships(user) -> list[Membership]:
    """Every association (and section) where the user acts as staff now."""
    return [m for m in user_memberships(user).values() if _acts_as_staff(m)]


def active_staff_membership(user, scope) -> Membership | None:
    """The user's membership in the scope's association, if they act as staff there now."""
    own = active_membership(user, scope)
    return own if own is not None and _acts_as_staff(own) else None


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_active_member(user, scope=None) -> bool:
    """Any role, not suspended: may post, comment, vote, register."""
    return active_membership(user, scope) is not None


@rules.predicate
def is_active_staff(user, scope=None, *, section=None) -> bool:
    """Staff of the scope's association; of `section` (a section or its id) when one is given."""
    own = active_staff_membership(user, scope)
    return own is not None and (section is None or own.section_id == _section_id(section))


@rules.predicate
def is_section_staff(user, obj=None) -> bool:
    """Staff of the object's section, or of any section when the object is for the whole association
    (an event or a moderated item without a section)."""
    return obj is not None and is_active_staff(user, obj, section=obj.section_id)


@rules.predicate
def is_active_staff_anywhere(user) -> bool:
    return bool(active_staff_memberships(user))


@rules.predicate
def is_active_leader_or_staff(user, scope=None) -> bool:
    own = active_membership(user, scope)
    return own is not None and own.role in LEADER_OR_STAFF


@rules.predicate
def is_active_leader_or_staff_anywhere(user) -> bool:
    return any(m.role in LEADER_OR_STAFF for m in active_memberships(user))


def is_staff_of(user, scope, section=None) -> bool:
    """Platform admin, or staff of the scope's association (of `section` when given): who runs it."""
    return is_platform_admin(user) or is_active_staff(user, scope, section=section)


def staff_sections(viewer) -> dict[int, set[int]]:
    """Section ids the viewer manages, by association id (staff manage their own section)."""
    return {m.association_id: {m.section_id} for m in active_staff_memberships(viewer)}
