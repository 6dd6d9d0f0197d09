"""Audit action names of the events app (registered with Wagtail in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

EVENT_ACTIONS = {
    "ton.event.create": (_("Create event"), _("Event created")),
    "ton.event.update": (_("Update event"), _("Event updated")),
    "ton.event.publish": (_("Publish event"), _("Event published")),
    "ton.event.cancel": (_("Cancel event"), _("Event cancelled")),
    "ton.event.checkin": (_("Check in"), _("Member checked in")),
    "ton.event.checkin_undo": (_("Undo a check-in"), _("Check-in taken back")),
}
