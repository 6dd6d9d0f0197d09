import rules
from django.urls import reverse
from django.utils.translation import gettext as _

from associations.selectors import unread_count
from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    count = unread_count(request.user)
    items = [
        NavItem(_("Notifications"), "/notifications/", badge=count or None, badge_label=_("unread")),
        NavItem(_("My space"), "/mon-espace/"),
    ]
    # rules alone: user.has_perm would also load Django's model permissions (2 queries on every page).
    if rules.has_perm("associations.enrol_members", request.user):
        items.append(NavItem(_("Enrol members"), reverse("onboarding-import")))
    return items
