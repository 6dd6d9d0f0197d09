"""The home page's "upcoming events" section: the next events the viewer may see."""

from django.utils.translation import gettext as _

from events.selectors import upcoming_for_home


def home_section(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    return {
        "title": _("Upcoming events"),
        "template": "events/includes/home_events.html",
        "context": {"events": upcoming_for_home(request.user)},
    }
