"""Header entry for staff: the moderation queue, with its count."""

import rules
from django.utils.translation import gettext as _

from config.navigation import NavItem
from moderation.approvals import approval_count
from moderation.selectors import queue_count


def items(request) -> list[NavItem]:
    user = request.user
    # rules.has_perm asks the rule alone: user.has_perm would also load Django's model permissions (2 queries
    # on every page for every member).
    if not user.is_authenticated or not rules.has_perm("moderation.view_queue", user):
        return []
    # The queue page has just counted the same queue: reuse it rather than count twice.
    count = getattr(request, "moderation_queue_count", None)
    if count is None:
        count = queue_count(user) + approval_count(user)
    return [NavItem(_("Moderation"), "/moderation/", badge=count or None, badge_label=_("items to review"))]
