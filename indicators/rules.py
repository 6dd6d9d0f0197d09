"""Who may see indicators and pathway records. The one place these decisions are made.

- Indicators (aggregates): staff of a site see their site; coordinators of the association and platform
  admins see every site.
- Pathway records (personal data about minors): the youth themself (read-only) and the staff of the
  youth's site (read and write); platform admins. Never other members, leaders, or coordinators of
  another site: the coordinator's "all sites" covers aggregates only.
"""

import rules

from associations.models import Association, Membership, Role
from associations.predicates import (
    active_staff_membership,
    is_active_staff,
    is_active_staff_anywhere,
    is_platform_admin,
    is_section_staff,
)


@rules.predicate
def is_coordinator_of(user, association: Association | None) -> bool:
    own = active_staff_membership(user, association)
    return own is not None and own.is_coordinator


@rules.predicate
def is_youth_member(user, membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.YOUTH, Role.LEADER}


@rules.predicate
def has_membership(user, membership: Membership | None) -> bool:
    return membership is not None


# Without an object: whether the indicators pages and the pathway records are open to the user at all.
rules.add_perm("indicators.open_indicators", is_platform_admin | is_active_staff_anywhere)
rules.add_perm("indicators.record_pathways", is_platform_admin | is_active_staff_anywhere)
rules.add_perm("indicators.view_indicators", is_platform_admin | is_active_staff)
rules.add_perm("indicators.view_all_sites", is_platform_admin | is_coordinator_of)
rules.add_perm("indicators.manage_pathway", has_membership & is_youth_member & (is_platform_admin | is_section_staff))


def visible_section_ids(user, association: Association) -> list[int] | None:
    """Sites whose indicators the user may see: None for every site, [] for none."""
    if user.has_perm("indicators.view_all_sites", association):
        return None
    own = active_staff_membership(user, association)
    return [own.section_id] if own is not None else []
