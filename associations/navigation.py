from django.urls import reverse
from django.utils.translation import gettext as _

from associations.selectors import staff_sections, unread_count
from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    count = unread_count(request.user)
    items = [
        NavItem(_("Notifications"), "/notifications/", badge=count or None, badge_label=_("unread")),
        NavItem(_("My space"), "/mon-espace/"),
    ]
    if request.user.is_superuser or staff_sections(request.user):
        items.append(NavItem(_("Enrol members"), reverse("onboarding-import")))
    return items
