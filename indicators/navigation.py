import rules
from django.urls import reverse
from django.utils.translation import gettext as _

from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    # rules alone: user.has_perm would also load Django's model permissions (2 queries on every page).
    if rules.has_perm("indicators.open_indicators", request.user):
        return [NavItem(_("Indicators"), reverse("indicators:page"))]
    return []
