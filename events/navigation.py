from django.utils.translation import gettext as _

from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Events"), "/evenements/")]
