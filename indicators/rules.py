"""Who may see indicators and pathway records. The one place these decisions are made.

- Indicators (aggregates): staff of a site see their site; coordinators of the association and platform
  admins see every site.
- Pathway records (personal data about minors): the youth themself (read-only) and the staff of the
  youth's site (read and write); platform admins. Never other members, leaders, or coordinators of
  another site: the coordinator's "all sites" covers aggregates only.
"""

import rules

from associations.models import Association, Membership, Role
from associations.rules import is_platform_admin, is_staff_of_section
from associations.selectors import membership_in


def _staff_membership(user, association) -> Membership | None:
    if association is None or not getattr(user, "is_authenticated", False):
        return None
    own = membership_in(user, association)
    if own is None or own.role != Role.STAFF or own.is_suspended:
        return None
    return own


@rules.predicate
def is_staff_of_association(user, association: Association | None) -> bool:
    return _staff_membership(user, association) is not None


@rules.predicate
def is_coordinator_of(user, association: Association | None) -> bool:
    own = _staff_membership(user, association)
    return own is not None and own.is_coordinator


@rules.predicate
def is_youth_member(user, membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.YOUTH, Role.LEADER}


@rules.predicate
def has_membership(user, membership: Membership | None) -> bool:
    return membership is not None


rules.add_perm("indicators.view_indicators", is_platform_admin | is_staff_of_association)
rules.add_perm("indicators.view_all_sites", is_platform_admin | is_coordinator_of)
rules.add_perm(
    "indicators.manage_pathway", has_membership & is_youth_member & (is_platform_admin | is_staff_of_section)
)


def visible_section_ids(user, association: Association) -> list[int] | None:
    """Sites whose indicators the user may see: None for every site, [] for none."""
    if user.has_perm("indicators.view_all_sites", association):
        return None
    own = _staff_membership(user, association)
    return [own.section_id] if own is not None else []
