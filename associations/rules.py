"""Who may do what on the members side. The one place these decisions are made.

Predicates are small and named; permissions combine them. Views, the API and websocket consumers call
`user.has_perm(name, obj)` (or the helpers below) so every path decides the same way.
"""

import rules

from associations.models import Membership, Role
from associations.selectors import membership_in


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_self(user, membership: Membership | None) -> bool:
    return membership is not None and user.is_authenticated and membership.user_id == user.pk


@rules.predicate
def shares_association(user, membership: Membership | None) -> bool:
    # Every object predicate answers False without an object: Wagtail and Django ask model-level
    # questions (`has_perm("associations.view_membership")`) through the same backend.
    return membership is not None and membership_in(user, membership.association_id) is not None


@rules.predicate
def is_leader_or_staff_of_association(user, membership: Membership | None) -> bool:
    if membership is None:
        return False
    own = membership_in(user, membership.association_id)
    return own is not None and own.role in {Role.LEADER, Role.STAFF}


@rules.predicate
def is_staff_of_section(user, membership: Membership | None) -> bool:
    if membership is None:
        return False
    own = membership_in(user, membership.association_id)
    return (
        own is not None and own.role == Role.STAFF and not own.is_suspended and own.section_id == membership.section_id
    )


def can_participate(user, association) -> bool:
    """Post, comment, vote, register: an active (not suspended) member of the association."""
    own = membership_in(user, association) if user.is_authenticated else None
    return own is not None and not own.is_suspended


def is_staff_of(user, association, section_id: int | None = None) -> bool:
    """Staff of the association (of `section_id` when given), or a platform admin."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    own = membership_in(user, association)
    if own is None or own.role != Role.STAFF or own.is_suspended:
        return False
    return section_id is None or own.section_id == section_id


rules.add_perm("associations.view_membership", is_platform_admin | shares_association)
rules.add_perm("associations.view_membership_section", is_platform_admin | is_self | is_leader_or_staff_of_association)
rules.add_perm("associations.view_membership_private", is_platform_admin | is_self | is_staff_of_section)
rules.add_perm("associations.manage_membership", is_platform_admin | is_staff_of_section)
