"""Staff decisions on items: approve, reject (with a reason sent to the author), hide, restore, bulk
approve; and member actions from the queue (warn, suspend the author)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Membership, User
from associations.services.members import member_suspend, member_warn
from associations.services.notifications import notify
from config.errors import DomainError, Forbidden
from moderation.audit import audit_item
from moderation.content import ModerationStatus
from moderation.models import QueueEntry, Report
from moderation.realtime import queue_changed_on_commit
from moderation.registry import item_label
from moderation.selectors import item_link
from moderation.services.queue import entry_lock, item_lock

APPROVE, REJECT, HIDE, RESTORE = "approve", "reject", "hide", "restore"
ACTIONS = {
    APPROVE: ModerationStatus.PUBLISHED,
    REJECT: ModerationStatus.REJECTED,
    HIDE: ModerationStatus.HIDDEN,
    RESTORE: ModerationStatus.PUBLISHED,
}


def moderated_entry(actor: User, item_id: str) -> QueueEntry:
    """The entry of an item `actor` may moderate: 403 for non-staff, 404 for items outside their scope."""
    from moderation.selectors import entry_for_viewer

    if not actor.has_perm("moderation.view_queue"):
        raise Forbidden(_("Only the staff can moderate content."))
    return entry_for_viewer(actor, item_id)


@transaction.atomic
def item_decide(*, actor: User, item_id: str, action: str, reason: str = "") -> QueueEntry:
    """Apply one decision; the entry leaves the queue, open reports are marked reviewed, the decision is
    audited and explained to the author (never naming who reported)."""
    if action not in ACTIONS:
        raise DomainError(_("Unknown action."), code="invalid_action")
    reason = (reason or "").strip()[:500]
    if action == REJECT and not reason:
        raise DomainError(_("Give the author a reason for the rejection."), code="reason_required")
    found = moderated_entry(actor, item_id).loaded_item
    # Same lock order as report_create (entry, then item), so a report and a decision never deadlock.
    entry = entry_lock(found)
    item = item_lock(found)
    if action == RESTORE and item.status not in {ModerationStatus.HIDDEN, ModerationStatus.REJECTED}:
        raise DomainError(_("Only hidden or rejected content can be restored."), code="invalid_state")
    previous = item.status
    now = timezone.now()
    item.status = ACTIONS[action]
    item.moderation_reason = reason
    item.moderated_at = now
    item.save(update_fields=["status", "moderation_reason", "moderated_at"])
    had_reports = entry.reports + entry.urgent_reports
    entry.status, entry.is_open, entry.reports, entry.urgent_reports = item.status, False, 0, 0
    entry.decided_at, entry.decided_by = now, actor
    entry.save(update_fields=["status", "is_open", "reports", "urgent_reports", "decided_at", "decided_by"])
    Report.objects.filter(entry=entry, reviewed_at__isnull=True).update(reviewed_at=now)
    audit_item(item, f"ton.moderation.{action}", user=actor, reason=reason, previous=previous, reports=had_reports)
    _tell_author(item, action=action, previous=previous, reason=reason)
    queue_changed_on_commit(item.association_id)
    entry.loaded_item = item
    return entry


def _tell_author(item, *, action: str, previous: str, reason: str) -> None:
    if action == REJECT:
        message = _("Your %(kind)s was rejected by the staff: %(reason)s")
    elif action == HIDE and reason:
        message = _("Your %(kind)s was hidden by the staff: %(reason)s")
    elif action == HIDE:
        message = _("Your %(kind)s was hidden by the staff.")
    elif action == RESTORE:
        message = _("Your %(kind)s is visible again.")
    elif previous == ModerationStatus.PENDING:
        message = _("Your %(kind)s was approved and is now visible.")
    elif previous == ModerationStatus.HIDDEN:
        message = _("Your %(kind)s was reviewed by the staff and is visible again.")
    else:
        return  # a published item kept as it was: nothing changed for the author
    if item.author is None:  # an event whose creator left
        return
    # The verbose name is lazy: notify renders it in the author's language, like the message.
    params = {"kind": item._meta.verbose_name, "reason": reason}
    notify([item.author], kind=f"moderation.{action}", message=message, params=params, url=item_link(item))


@transaction.atomic
def items_bulk_approve(*, actor: User, item_ids: list[str]) -> int:
    """Approve several items at once (all or nothing)."""
    if not item_ids:
        raise DomainError(_("Select at least one item."), code="empty")
    for item_id in dict.fromkeys(item_ids):
        item_decide(actor=actor, item_id=item_id, action=APPROVE)
    return len(dict.fromkeys(item_ids))


def _author_membership(entry: QueueEntry) -> Membership:
    item = entry.loaded_item
    membership = Membership.objects.filter(user_id=item.author_id, association_id=item.association_id).first()
    if membership is None:
        raise DomainError(_("The author is no longer a member of this association."), code="not_member")
    return membership


@transaction.atomic
def author_warn(*, actor: User, item_id: str, reason: str) -> Membership:
    """Warn the author of an item (a notification), recorded on the member and on the item."""
    entry = moderated_entry(actor, item_id)
    membership = _author_membership(entry)
    member_warn(actor=actor, membership=membership, reason=reason)
    audit_item(entry.loaded_item, "ton.moderation.warn_author", user=actor, reason=reason.strip())
    return membership


@transaction.atomic
def author_suspend(*, actor: User, item_id: str, until: datetime.datetime, reason: str) -> Membership:
    """Suspend the author of an item until a date, recorded on the member and on the item."""
    entry = moderated_entry(actor, item_id)
    membership = member_suspend(actor=actor, membership=_author_membership(entry), until=until, reason=reason)
    audit_item(
        entry.loaded_item, "ton.moderation.suspend_author", user=actor, reason=reason.strip(), until=until.isoformat()
    )
    return membership


__all__ = ["ACTIONS", "author_suspend", "author_warn", "item_decide", "item_label", "items_bulk_approve"]
