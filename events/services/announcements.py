"""A published event is news for its audience: the members it invites are told once, off the request.

Publishing (staff creating an event, a leader's event approved, a draft submitted) only queues
`events.tasks.announce_event` after the commit (`events.services.events`); the task claims the event with a
conditional update (`announced_at IS NULL`), so however often an event is published, or the task retried,
it goes out once.
An event already under way, cancelled or back to draft is not announced.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy

from associations.services.notifications import notify
from events.models import Event, EventStatus
from events.selectors import event_audience

NEW_EVENT = gettext_lazy("New event: “%(title)s” on %(day)s at %(time)s, %(place)s.")


def event_announce(*, event_id: int, by_id: int | None = None, now: datetime | None = None) -> int:
    """Tell the event's audience that it is on, except its organisers and `by_id` (who published it: they
    know); returns how many were told."""
    now = now or timezone.now()
    claimed = Event.objects.filter(
        pk=event_id, announced_at__isnull=True, status=EventStatus.PUBLISHED, starts_at__gt=now
    ).update(announced_at=now)
    if not claimed:
        return 0
    event = Event.objects.get(pk=event_id)
    when = timezone.localtime(event.starts_at)
    organisers = event.organisers.values("pk")
    recipients = event_audience(event).exclude(pk__in=organisers)
    recipients = recipients.exclude(pk__in=[pk for pk in (event.created_by_id, by_id) if pk])
    return len(
        notify(
            recipients,
            kind="event.new",
            message=NEW_EVENT,
            params={
                "title": event.title,
                "day": when.strftime("%d/%m"),
                "time": when.strftime("%H:%M"),
                "place": event.place or "—",
            },
            url=event.get_absolute_url(),
        )
    )
