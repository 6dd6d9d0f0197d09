"""What members and staff are told about polls, besides the outcome (`outcome_record` tells that itself).

- a poll opens: every member who may vote in it is told ("à toi de voter");
- 24 h before closing: those who may vote and have not, once (not when it opened within that last day);
- at closing: those who could vote, that results are online (or that staff will publish the decision);
- 7 days after closing without an outcome: the staff who may record it;
- an outcome recorded (or changed): those who could vote (`outcome_announce`, queued by `outcome_record`).

Each notice is claimed on the poll with a conditional update (its `*_at IS NULL`), so it goes out once
however often, or however concurrently, `send_poll_notices` runs (platform/schedule) or the task queued
when staff publish. Polls older than `RECENT` are not news: a first run on old data sends nothing for them.
"""

from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from associations.services.notifications import notify
from votes.models import Participation, Poll, Visibility
from votes.selectors import eligible_members, poll_staff

CLOSING_AHEAD = timedelta(hours=24)
OUTCOME_AFTER = timedelta(days=7)
RECENT = timedelta(days=7)

OPENED = gettext_lazy("New poll: “%(title)s”. Your turn to vote, until %(day)s.")
CLOSING = gettext_lazy("Last day to vote: “%(title)s” closes on %(day)s at %(time)s.")
RESULTS = gettext_lazy("The poll “%(title)s” is closed: the results are online.")
CLOSED_STAFF_RESULTS = gettext_lazy("The poll “%(title)s” is closed: staff will publish the decision here.")
OUTCOME_MISSING = gettext_lazy("The poll “%(title)s” closed a week ago: record what was decided.")
OUTCOME = gettext_lazy("Results and decision of the poll “%(title)s” are online.")
OUTCOME_UPDATED = gettext_lazy("The decision of the poll “%(title)s” was updated.")


def _claim(poll: Poll, field: str, now: datetime) -> bool:
    return Poll.objects.filter(pk=poll.pk, **{f"{field}__isnull": True}).update(**{field: now}) == 1


def _params(poll: Poll) -> dict:
    closes = timezone.localtime(poll.closes_at)
    return {"title": poll.title, "day": closes.strftime("%d/%m"), "time": closes.strftime("%H:%M")}


def _tell(recipients, poll: Poll, *, kind: str, text) -> int:
    return len(notify(recipients, kind=kind, message=text, params=_params(poll), url=poll.get_absolute_url()))


def poll_notices_send(*, now: datetime | None = None, poll_id: int | None = None) -> dict[str, int]:
    """Send every notice that is due (for one poll when `poll_id` is given); returns how many went out."""
    now = now or timezone.now()
    polls = Poll.objects.filter(published=True).prefetch_related("sections")
    if poll_id is not None:
        polls = polls.filter(pk=poll_id)
    sent = {"opened": 0, "closing": 0, "results": 0, "outcome": 0}

    for poll in polls.filter(opening_announced_at__isnull=True, opens_at__lte=now, closes_at__gt=now):
        if _claim(poll, "opening_announced_at", now):
            sent["opened"] += _tell(eligible_members(poll), poll, kind="votes.opened", text=OPENED)

    closing = polls.filter(
        closing_reminded_at__isnull=True, opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + CLOSING_AHEAD
    ).exclude(
        # Announced on its last day: the opening notice already said until when (no second SMS at once).
        opening_announced_at__gt=F("closes_at") - CLOSING_AHEAD
    )
    for poll in closing:
        if _claim(poll, "closing_reminded_at", now):
            voted = Participation.objects.filter(poll=poll).values("member_id")
            sent["closing"] += _tell(
                eligible_members(poll).exclude(pk__in=voted), poll, kind="votes.closing", text=CLOSING
            )

    for poll in polls.filter(results_announced_at__isnull=True, closes_at__lte=now, closes_at__gt=now - RECENT):
        if _claim(poll, "results_announced_at", now):
            text = CLOSED_STAFF_RESULTS if poll.results_visibility == Visibility.STAFF else RESULTS
            sent["results"] += _tell(eligible_members(poll), poll, kind="votes.closed", text=text)

    forgotten = polls.filter(
        outcome_reminded_at__isnull=True,
        outcome_recorded_at__isnull=True,
        closes_at__lte=now - OUTCOME_AFTER,
        closes_at__gt=now - OUTCOME_AFTER - RECENT,
    )
    for poll in forgotten:
        if _claim(poll, "outcome_reminded_at", now):
            sent["outcome"] += _tell(poll_staff(poll), poll, kind="votes.outcome_missing", text=OUTCOME_MISSING)
    return sent


def outcome_announce(*, poll_id: int, first: bool = True) -> int:
    """Tell those who could vote that the decision is online (or was changed); returns how many."""
    poll = Poll.objects.prefetch_related("sections").filter(pk=poll_id, outcome_recorded_at__isnull=False).first()
    if poll is None:
        return 0
    text = OUTCOME if first else OUTCOME_UPDATED
    return _tell(eligible_members(poll), poll, kind="votes.outcome", text=text)
