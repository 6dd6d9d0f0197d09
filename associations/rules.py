"""Who may do what on the members side. The one place these decisions are made.

Permissions are named here from the membership facts of `associations.predicates`. Views, the API and
websocket consumers call `user.has_perm(name, obj)` so every path decides the same way.
"""

import rules

from associations.models import Membership
from associations.predicates import is_active_member as can_participate  # noqa: F401  cms, until i10s
from associations.predicates import (
    is_active_staff_anywhere,
    is_platform_admin,
    is_section_staff,
    is_staff_of,  # noqa: F401  cms imports it from here until it has its own rules.py (i10s)
)
from associations.selectors import membership_in


@rules.predicate
def is_self(user, membership: Membership | None) -> bool:
    return membership is not None and user.is_authenticated and membership.user_id == user.pk


@rules.predicate
def shares_association(user, membership: Membership | None) -> bool:
    # Suspended members still see their association's directory: a suspension takes away acting only.
    return membership is not None and membership_in(user, membership.association_id) is not None


@rules.predicate
def is_leader_or_staff_of_association(user, membership: Membership | None) -> bool:
    # Seeing members' sites is not acting, so a suspended leader or staff member keeps it.
    if membership is None:
        return False
    own = membership_in(user, membership.association_id)
    return own is not None and own.is_leader_or_staff


rules.add_perm("associations.view_membership", is_platform_admin | shares_association)
rules.add_perm("associations.view_membership_section", is_platform_admin | is_self | is_leader_or_staff_of_association)
rules.add_perm("associations.view_membership_private", is_platform_admin | is_self | is_section_staff)
rules.add_perm("associations.manage_membership", is_platform_admin | is_section_staff)
# A member's history (warnings, suspensions, login codes, participation counts): staff of their section.
rules.add_perm("associations.view_member_history", is_platform_admin | is_section_staff)
# Without an object: whether the directory offers the filters on private fields (age band, status). The
# selector (associations.directory) still applies them only inside the sections the viewer staffs.
rules.add_perm("associations.filter_members_private", is_platform_admin | is_active_staff_anywhere)
# Without an object: whether the enrolment pages (import, codes) are open to the user at all.
rules.add_perm("associations.enrol_members", is_platform_admin | is_active_staff_anywhere)
