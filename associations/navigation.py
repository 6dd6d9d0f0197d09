from django.utils.translation import gettext as _

from associations.selectors import unread_count
from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    count = unread_count(request.user)
    return [
        NavItem(_("Notifications"), "/notifications/", badge=count or None, badge_label=_("unread")),
        NavItem(_("My space"), "/mon-espace/"),
    ]
