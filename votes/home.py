from django.utils.translation import gettext as _

from votes.selectors import open_polls_for_home


def home_section(request) -> dict | None:
    """Open polls the viewer may see (none for visitors: polls are internal to the association)."""
    if not request.user.is_authenticated:
        return None
    polls = open_polls_for_home(request.user)
    if not polls:
        return None
    return {"title": _("Open polls"), "template": "votes/includes/home_polls.html", "context": {"polls": polls}}
