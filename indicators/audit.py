"""Audit entries for pathway records in Wagtail's log (Reports → Site history)."""

from django.utils.translation import gettext_lazy as _

PATHWAY_ACTIONS = {
    "ton.pathway.create": (_("Record a pathway step"), _("Pathway step recorded")),
    "ton.pathway.update": (_("Correct a pathway step"), _("Pathway step corrected")),
    "ton.pathway.delete": (_("Delete a pathway step"), _("Pathway step deleted")),
    "ton.pathway.erase": (_("Erase pathway"), _("Pathway erased with the member")),
}
