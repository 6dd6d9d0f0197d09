"""Live turnout (and results when they are public) pushed to `/ws/polls/<id>/`, coalesced per poll.

After a vote commits, `poll_changed` sends at once if no update went out for this poll in the last
`WINDOW` seconds (leading edge); otherwise it only marks the poll dirty. A timer started with the leading
edge sends one more update just after the window closes if votes came in meanwhile (trailing edge), reading
the state fresh, so the last vote of a burst is never lost. The window lives in the shared cache, so this
also coalesces across workers. A burst of N votes produces about two messages per window, not N.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading

from asgiref.sync import SyncToAsync, async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

WINDOW = 1  # seconds; whole seconds because the Redis cache rounds timeouts down to seconds
TRAILING_DELAY = WINDOW + 0.05


def group_name(poll_id: int) -> str:
    return f"poll-{poll_id}"


def _window_key(poll_id: int) -> str:
    return f"votes:live:window:{poll_id}"


def _dirty_key(poll_id: int) -> str:
    return f"votes:live:dirty:{poll_id}"


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
    """Call after a vote has committed (from `transaction.on_commit`)."""
    if cache.add(_window_key(poll_id), 1, WINDOW):
        send_update(poll_id)
        _schedule_trailing(poll_id)
    else:
        cache.set(_dirty_key(poll_id), 1, WINDOW * 10)


def _main_loop():
    """The ASGI server's event loop when this code runs in one of its sync threads (a view), else None."""
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def _schedule_trailing(poll_id: int) -> None:
    # On the server's own loop when there is one (the in-memory channel layer only works from its loop);
    # a plain timer thread otherwise (management commands, WSGI), which the Redis layer serves as well.
    loop = _main_loop()
    if loop is not None:
        # A fresh context: the caller's (a sync thread of asgiref) would make the task look nested in it.
        loop.call_soon_threadsafe(
            lambda: loop.call_later(TRAILING_DELAY, lambda: loop.create_task(_trailing_async(poll_id))),
            context=contextvars.Context(),
        )
        return
    timer = threading.Timer(TRAILING_DELAY, _trailing, args=(poll_id,))
    timer.daemon = True
    timer.start()


def _dirty_payload(poll_id: int) -> dict | None:
    """The fresh payload if votes came in during the window (clearing the mark), else None."""
    if not cache.delete(_dirty_key(poll_id)):
        return None
    from votes.models import Poll

    return live_payload(Poll.objects.prefetch_related("options", "sections").get(pk=poll_id))


async def _trailing_async(poll_id: int) -> None:
    try:
        payload = await database_sync_to_async(_dirty_payload)(poll_id)
        if payload is not None:
            await get_channel_layer().group_send(group_name(poll_id), {"type": "poll.update", "payload": payload})
    except Exception:  # best effort: the next vote or a page load shows the right figures anyway
        logger.warning("trailing live update failed for poll %s", poll_id, exc_info=True)


def _trailing(poll_id: int) -> None:
    try:
        payload = _dirty_payload(poll_id)
        if payload is not None:
            async_to_sync(get_channel_layer().group_send)(
                group_name(poll_id), {"type": "poll.update", "payload": payload}
            )
    except Exception:
        logger.warning("trailing live update failed for poll %s", poll_id, exc_info=True)
    finally:
        close_old_connections()
        connection.close()


def send_update(poll_id: int) -> None:
    """Build the payload here (a sync thread) and send it; on the server's loop without waiting for it,
    so the voter's response does not wait for the fan-out."""
    from votes.models import Poll

    try:
        poll = Poll.objects.prefetch_related("options", "sections").get(pk=poll_id)
        message = {"type": "poll.update", "payload": live_payload(poll)}
        loop = _main_loop()
        if loop is not None:
            loop.call_soon_threadsafe(lambda: loop.create_task(_send(poll_id, message)), context=contextvars.Context())
        else:
            async_to_sync(get_channel_layer().group_send)(group_name(poll_id), message)
    except Exception:
        logger.warning("live update failed for poll %s", poll_id, exc_info=True)


async def _send(poll_id: int, message: dict) -> None:
    try:
        await get_channel_layer().group_send(group_name(poll_id), message)
    except Exception:
        logger.warning("live update failed for poll %s", poll_id, exc_info=True)
