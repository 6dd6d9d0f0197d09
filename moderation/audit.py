"""Audit entries of moderation, in Wagtail's log (Reports → Site history), with dotted action names.

Every entry is written on the item itself, with `association`, `author` (user id) and `item`
("app.model:pk") in its data, so staff can filter the log by member and by item.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext

from associations.audit import audit

MODERATION_ACTIONS = {
    "ton.moderation.report": (_("Report content"), _("Content reported")),
    "ton.moderation.auto_hide": (_("Hide automatically"), _("Content hidden automatically after reports")),
    "ton.moderation.approve": (_("Approve content"), _("Content approved")),
    "ton.moderation.reject": (_("Reject content"), _("Content rejected")),
    "ton.moderation.hide": (_("Hide content"), _("Content hidden")),
    "ton.moderation.restore": (_("Restore content"), _("Content restored")),
    "ton.moderation.warn_author": (_("Warn the author"), _("Author warned about this content")),
    "ton.moderation.suspend_author": (_("Suspend the author"), _("Author suspended because of this content")),
}


def audit_item(item, action: str, *, user=None, **data):
    """One audit entry on a moderated item; `user=None` is recorded as the system, even inside a request
    that set a Wagtail log context."""
    data = {
        "item": f"{item._meta.label_lower}:{item.pk}",
        "association": item.association_id,
        "author": item.author_id,
        # Always present, so the log can leave child-protection entries out for staff who are not leads.
        "urgent": False,
        **data,
    }
    if user is None:
        with LogContext(user=None, generate_uuid=False):
            return audit(item, action, user=None, **data)
    return audit(item, action, user=user, **data)
