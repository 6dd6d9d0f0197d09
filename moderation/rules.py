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

from associations.models import Role
from associations.rules import can_participate
from associations.selectors import user_memberships
from moderation.content import ModerationStatus


def staff_memberships(user) -> list:
    """Active staff memberships of the user (suspended staff do not moderate)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [m for m in user_memberships(user).values() if m.role == Role.STAFF and not m.is_suspended]


def is_safeguarding_lead(user, association_id: int) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(m.association_id == association_id and m.is_safeguarding_lead for m in staff_memberships(user))


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_any_staff(user) -> bool:
    return bool(staff_memberships(user))


@rules.predicate
def manages_entry(user, entry) -> bool:
    if entry is None:  # a model-level question: only platform admins (the other predicate) say yes
        return False
    for membership in staff_memberships(user):
        if membership.association_id != entry.association_id:
            continue
        if entry.section_id is None or membership.section_id == entry.section_id:
            return True
        if entry.urgent_reports and membership.is_safeguarding_lead:
            return True
    return False


@rules.predicate
def may_report(user, item) -> bool:
    if item is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(item, "status", None) != ModerationStatus.PUBLISHED or item.author_id == user.pk:
        return False
    return can_participate(user, item.association_id)


rules.add_perm("moderation.view_queue", is_platform_admin | is_any_staff)
rules.add_perm("moderation.moderate_item", is_platform_admin | manages_entry)
rules.add_perm("moderation.report_item", may_report)
