"""Header entry for staff: the moderation queue, with its count."""

from django.utils.translation import gettext as _

from config.navigation import NavItem
from moderation.selectors import queue_count


def items(request) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated or not user.has_perm("moderation.view_queue"):
        return []
    # The queue page has just counted the same queue: reuse it rather than count twice.
    count = getattr(request, "moderation_queue_count", None)
    if count is None:
        count = queue_count(user)
    return [NavItem(_("Moderation"), "/moderation/", badge=count or None, badge_label=_("items to review"))]
