"""Reminders the day before: each confirmed registrant is told once, however often or concurrently this runs."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy

from associations.services.notifications import notify
from events.models import EventStatus, Registration, RegistrationStatus

REMIND_AHEAD = timedelta(hours=24)


def event_reminders_send(*, now: datetime | None = None) -> int:
    """Remind confirmed registrants of published events starting within the next 24 hours.

    Each registration is claimed with a conditional UPDATE (`reminded_at IS NULL`): only the run whose
    update changed the row sends the reminder, so two runs at once never send it twice. Returns how many
    reminders were sent.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_AHEAD,
    ).select_related("event", "member")
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed:
            continue
        event = registration.event
        when = timezone.localtime(event.starts_at)
        notify(
            [registration.member],
            kind="event.reminder",
            message=gettext_lazy("Reminder: “%(title)s” on %(day)s at %(time)s, %(place)s. Your code: %(code)s."),
            params={
                "title": event.title,
                "day": when.strftime("%d/%m"),
                "time": when.strftime("%H:%M"),
                "place": event.place or "—",
                "code": registration.code,
            },
            url=event.get_absolute_url(),
        )
        sent += 1
    return sent
