from django.utils.translation import gettext as _

from cms.home import activity_index_url
from config.navigation import NavItem


def items(request) -> list[NavItem]:
    found = []
    url = activity_index_url()
    if url:
        found.append(NavItem(_("Activities"), url))
    if request.user.is_authenticated:
        found.append(NavItem(_("My reports"), "/activites/mes-recits/"))
    return found
