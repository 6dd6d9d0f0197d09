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
    # The staff's tools: the directory, enrolment, and the Wagtail admin (page editing, workflows, reports);
    # the moderation queue is moderation's own entry.
    if rules.has_perm("associations.enrol_members", request.user):
        items.append(NavItem(_("Members"), reverse("members")))
        items.append(NavItem(_("Enrol members"), reverse("onboarding-import")))
        items.append(NavItem(_("Wagtail admin"), reverse("wagtailadmin_home")))
    return items
