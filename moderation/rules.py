"""Who may report and moderate. The one place these decisions are made, for pages, API and sockets.

- `moderation.view_queue`: any active staff membership (or a platform admin). Youths and leaders: no.
- `moderation.moderate_item` (object: a `QueueEntry`): staff of the item's section (any staff of the
  association when the item has no section), a safeguarding lead of the association for an item with a
  child-protection report, or a platform admin.
- `moderation.report_item` (object: a published item of a registered type, shown on a page the viewer
  already sees): an active member of the item's association who is not its author. The report form and
  `report_create` check visibility again, so a stale link never reveals anything.
"""

import rules

from associations.predicates import (
    active_staff_memberships,
    is_active_member,
    is_active_staff_anywhere,
    is_platform_admin,
    is_section_staff,
)
from moderation.content import ModerationStatus


def _leads_safeguarding(user, association_id: int) -> bool:
    return any(m.association_id == association_id and m.is_safeguarding_lead for m in active_staff_memberships(user))


def is_safeguarding_lead(user, association_id: int) -> bool:
    return is_platform_admin(user) or _leads_safeguarding(user, association_id)


@rules.predicate
def leads_urgent_entry(user, entry) -> bool:
    # Only an item with a child-protection report reaches the association's safeguarding leads.
    return entry is not None and bool(entry.urgent_reports) and _leads_safeguarding(user, entry.association_id)


@rules.predicate
def may_report(user, item) -> bool:
    """A member of the item's association, not its author, may report a published item."""
    if item is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(item, "status", None) != ModerationStatus.PUBLISHED or item.author_id == user.pk:
        return False
    return is_active_member(user, item.association_id)


rules.add_perm("moderation.view_queue", is_platform_admin | is_active_staff_anywhere)
rules.add_perm("moderation.moderate_item", is_platform_admin | is_section_staff | leads_urgent_entry)
rules.add_perm("moderation.report_item", may_report)
