from django.utils.translation import gettext as _

from config.navigation import NavItem


def items(request) -> list[NavItem]:
    """Polls are for members: no entry for visitors."""
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Polls"), "/sondages/")]
