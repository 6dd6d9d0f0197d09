"""iCalendar output (RFC 5545) for one event and for a member's private feed, in Africa/Bamako time."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent

from events.models import Event, EventStatus

TZID = "Africa/Bamako"


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    zone = ZoneInfo(TZID)
    calendar = Calendar()
    calendar.add("prodid", "-//Ton//events//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    for event in events:
        item = IcsEvent()
        item.add("uid", f"event-{event.pk}@ton")
        item.add("dtstamp", timezone.now())
        # Local wall time with an explicit TZID: icalendar would otherwise write Bamako time (UTC+0) as "Z".
        for name, moment in (("dtstart", event.starts_at), ("dtend", event.ends_at)):
            item.add(name, moment.astimezone(zone).replace(tzinfo=None), parameters={"TZID": TZID})
        item.add("summary", event.title)
        if event.place:
            item.add("location", event.place)
        if event.description:
            item.add("description", event.description)
        item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        item.add("last-modified", event.updated_at)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
