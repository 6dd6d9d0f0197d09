"""Channel-layer sends that never fail a request.

Live pushes are a courtesy: the page and the API already show the committed state. A send happens after
the commit (so it can never undo a write), and when the layer (Redis) is down it is dropped and the outage
is logged once, not once per request. Sockets reconnect by themselves when Redis is back.
"""

import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

_state = {"down": False}
_lock = threading.Lock()


def group_send(group: str, message: dict) -> bool:
    """Send now (from sync code); True when the layer took the message."""
    try:
        async_to_sync(get_channel_layer().group_send)(group, message)
    except Exception as error:  # any layer failure: Redis down, timeout, full channel
        _log_failure(error)
        return False
    _log_recovery()
    return True


def group_send_on_commit(group: str, message: dict) -> None:
    """Send once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: group_send(group, message))


def _log_failure(error: Exception) -> None:
    with _lock:
        first, _state["down"] = not _state["down"], True
    if first:
        logger.error("channel layer unreachable (%s); live updates paused until it answers", error)


def _log_recovery() -> None:
    if not _state["down"]:
        return
    with _lock:
        was_down, _state["down"] = _state["down"], False
    if was_down:
        logger.warning("channel layer answers again; live updates resumed")
