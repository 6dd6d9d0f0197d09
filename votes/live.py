"""Live turnout (and results when they are public) pushed to `/ws/polls/<id>/`, coalesced in the consumer.

After a vote or a mix commits, `poll_changed` sends one small notice to the poll's group (through
`config.realtime`, so a channel-layer outage never fails the vote and is logged once per outage). Each
`PollConsumer` turns the notices into at most one update per `WINDOW`: the first notice after a quiet
spell is answered at once (leading edge); notices that arrive within the window are answered once when it
ends, with the state read fresh (trailing edge), so the last vote of a burst is never lost. The consumers
of one process share the fresh state (`PollFeed`): a burst costs one read per window and process, not one
per vote or per viewer.
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections import OrderedDict

from channels.db import database_sync_to_async

from config.realtime import group_send

WINDOW = 1.0  # seconds


def group_name(poll_id: int) -> str:
    return f"poll-{poll_id}"


def live_payload(poll) -> dict:
    """What every viewer of the poll may receive: turnout, and results when they are public and live.

    Turnout is two counts; the full results (every ballot, cached per poll) are read only when they are due.
    """
    from votes import rules, selectors
    from votes.models import Visibility

    if poll.is_open and poll.results_visibility == Visibility.LIVE:
        results = selectors.poll_results(poll)
        payload = {"type": "turnout", "poll": poll.pk, **results["turnout"]}
        if rules.live_results_public(poll, results["ballots"]):
            payload["results"] = [
                {"id": option["id"], "votes": option["votes"], "percent": option["percent"], "width": option["width"]}
                for option in results["options"]
            ]
        return payload
    return {"type": "turnout", "poll": poll.pk, **selectors.turnout(poll)}


def poll_changed(poll_id: int) -> None:
    """Call after a vote or a mix has committed (from `transaction.on_commit`). Never raises."""
    group_send(group_name(poll_id), {"type": "poll.changed", "change": uuid.uuid4().hex})


def _fresh_payload(poll_id: int) -> dict | None:
    from votes.models import Poll

    poll = Poll.objects.prefetch_related("options", "sections").filter(pk=poll_id).first()
    return None if poll is None else live_payload(poll)


class PollFeed:
    """The latest state of one poll as seen by one process, shared by that process's viewers of the poll.

    Change notices are numbered in the order this process first receives them (every viewer gets its own
    copy of each notice); a state read after notice n was received includes that vote, so viewers asking
    for "at least n" reuse it instead of reading again.
    """

    KEEP = 256  # notice ids remembered; more than a window's worth of votes

    def __init__(self, poll_id: int) -> None:
        self.poll_id = poll_id
        self._numbers: OrderedDict[str, int] = OrderedDict()
        self._received = 0
        self._covers = 0
        self._payload: dict | None = None
        self._lock = asyncio.Lock()

    def receive(self, change: str) -> int:
        """The number of a notice (numbered on its first receipt in this process)."""
        if change not in self._numbers:
            self._received += 1
            self._numbers[change] = self._received
            while len(self._numbers) > self.KEEP:
                self._numbers.popitem(last=False)
        return self._numbers[change]

    async def payload(self, at_least: int) -> dict | None:
        """A payload read after notice `at_least` was received (read now unless one already is)."""
        async with self._lock:
            if self._payload is None or self._covers < at_least:
                covers = self._received  # every notice received so far committed before this read starts
                self._payload = await database_sync_to_async(_fresh_payload)(self.poll_id)
                self._covers = covers
            return self._payload


# One set of feeds per event loop (a server process has one; each async test has its own).
_feeds: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, PollFeed]] = weakref.WeakKeyDictionary()


def feed_for(poll_id: int) -> PollFeed:
    feeds = _feeds.setdefault(asyncio.get_running_loop(), {})
    if poll_id not in feeds:
        feeds[poll_id] = PollFeed(poll_id)
    return feeds[poll_id]
