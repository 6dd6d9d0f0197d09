from django.urls import reverse
from django.utils.translation import gettext as _

from associations.selectors import staff_sections
from config.navigation import NavItem


def items(request) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    if request.user.is_superuser or staff_sections(request.user):
        return [NavItem(_("Indicators"), reverse("indicators:page"))]
    return []
