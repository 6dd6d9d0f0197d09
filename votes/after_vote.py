"""What follows a committed vote (queue the mix, clear the results cache, push the live notice), kept off
the voter's request when the platform has a task queue.

With a queue backend (production: `TASKS_BACKEND=django_tasks_db.DatabaseBackend`), the request ends at
its commit: `after_commit` only notes the poll for one background thread per process, which then does the
work for every poll noted meanwhile — a burst of votes on one poll costs one mix check, one cache delete
and one live notice per round, not one per vote. Nothing is lost by this: the live consumers coalesce
notices anyway, the periodic `mix_ballots` mixes whatever is due, and the results cache is cleared by the
next round or the next mix.

With the immediate backend (development, tests), everything runs at once in the caller's thread, as the
tests expect (the mix is done when the vote returns).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)


def in_background() -> bool:
    """Whether after-vote work leaves the request: only when a real queue runs the mix."""
    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


class AfterVote:
    """Polls voted in since the last round, and the thread that handles them (started on first use)."""

    def __init__(self, work: Callable[[int, bool], None]) -> None:
        self._work = work
        self._lock = threading.Lock()
        self._pending: dict[int, bool] = {}  # poll id -> whether a mix may be due (secret poll)
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, poll_id: int, *, mix: bool) -> None:
        with self._lock:
            self._pending[poll_id] = self._pending.get(poll_id, False) or mix
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ton-after-vote", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            self.flush()

    def flush(self) -> None:
        """Handle every poll noted so far (the thread's round; also at exit, and in tests)."""
        with self._lock:
            pending, self._pending = self._pending, {}
        try:
            for poll_id, mix in pending.items():
                try:
                    self._work(poll_id, mix)
                except Exception:  # the votes are committed; the next round or the periodic mix catches up
                    logger.exception("after votes in poll %s, the follow-up failed", poll_id)
        finally:
            # This thread's connection goes back (to the pool) between rounds instead of idling.
            if threading.current_thread() is self._thread:
                connections.close_all()


def _best_effort(what: str, poll_id: int, action) -> None:
    """Run an after-commit step; a failure is logged once and never reaches the voter (the vote is in)."""
    try:
        action()
    except Exception as error:
        logger.warning("after a vote in poll %s, %s failed: %r", poll_id, what, error)


def after_vote(poll_id: int, *, mix: bool) -> None:
    """After votes in `poll_id` committed: queue the mix, clear the results cache, tell live viewers."""
    from votes import live
    from votes.selectors import results_key
    from votes.tasks import mix_poll_ballots

    if mix:
        # With the immediate backend (development, tests) the mix runs right here, after the commit; with
        # a queue backend a worker runs it. Either way the vote is already durable.
        _best_effort("queuing the mix", poll_id, lambda: mix_poll_ballots.enqueue(poll_id))
    _best_effort("clearing the results cache", poll_id, lambda: cache.delete(results_key(poll_id)))
    _best_effort("the live update", poll_id, lambda: live.poll_changed(poll_id))


def _work(poll_id: int, mix: bool) -> None:
    after_vote(poll_id, mix=mix)


pending = AfterVote(_work)
atexit.register(pending.flush)


def after_commit(poll_id: int, *, mix: bool) -> None:
    """Call from `transaction.on_commit` once a vote in `poll_id` is committed."""
    if in_background():
        pending.add(poll_id, mix=mix)
    else:
        _work(poll_id, mix)
