"""The "activity report" section of an event page (see events/templatetags/event_page.py).

cms holds the link (`ActivityPage.event`), so cms adds the section and events does not know cms: the
reports the viewer may read, and for those who manage the event the form to write one, prefilled.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import ActivityPage
from events.models import EventStatus
from events.selectors import checked_in_count

MAX_REPORTS = 5


def event_section(request, event) -> dict | None:
    viewer = request.user
    reports = []
    if event.is_past:  # reports come after the event: no query for upcoming ones
        pages = ActivityPage.objects.visible_to(viewer).filter(event_id=event.pk).order_by("-date", "pk")
        reports = [{"title": page.title, "url": page.get_url(request)} for page in pages[:MAX_REPORTS]]
    write_url = ""
    if event.status != EventStatus.CANCELLED and viewer.has_perm("events.manage_event", event):
        write_url = submit_url(event)
    if not reports and not write_url:
        return None
    return {
        "id": "reports",
        "title": _("Activity report"),
        "template": "cms/includes/event_reports.html",
        "context": {"reports": reports, "write_url": write_url},
    }


def submit_url(event) -> str:
    """The report form prefilled with the event's title, date, section and attendance."""
    params = [
        ("event", event.pk),
        ("title", event.title),
        ("date", timezone.localtime(event.starts_at).date().isoformat()),
        ("section", event.section.slug if event.section_id else ""),
        ("participants", checked_in_count(event)),
    ]
    return f"{reverse('cms:submit')}?{urlencode(params)}"
