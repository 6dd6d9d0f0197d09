"""A Redis cache that never fails a request: when Redis is unreachable it falls back to this process.

Redis holds nothing that cannot be lost (cached fragments, throttle counters). During an outage every
operation goes to a per-process memory cache instead: reads miss and are computed again, throttles count
per process (so they still limit, only per worker), and the outage is logged once, not once per request.
Redis is tried again every `RETRY_SECONDS`; deletions made meanwhile are replayed when it answers again,
so an entry invalidated during the outage does not come back stale.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
MAX_PENDING_DELETES = 10_000
# Fail fast when Redis is down or hung rather than holding the request: a miss is cheap.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}

_OPERATIONS = ("get", "get_many", "set", "add", "set_many", "touch", "incr", "decr", "has_key")


class _OutageState:
    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.next_try = 0.0
        self.pending_deletes: set[str] = set()


_STATES: dict[str, _OutageState] = {}


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        params["OPTIONS"] = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, params)
        # Django makes one cache object per thread: the outage state and the fallback are per process.
        self._local = LocMemCache(f"failsafe-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._state = _STATES.setdefault(str(server), _OutageState())
        self._lock = self._state.lock

    _down_since = property(
        lambda self: self._state.down_since, lambda self, value: setattr(self._state, "down_since", value)
    )
    _next_try = property(lambda self: self._state.next_try, lambda self, value: setattr(self._state, "next_try", value))
    _pending_deletes = property(
        lambda self: self._state.pending_deletes, lambda self, value: setattr(self._state, "pending_deletes", value)
    )

    @property
    def is_down(self) -> bool:
        return self._down_since is not None

    def _call(self, name: str, *args, **kwargs):
        if self._down_since is not None and time.monotonic() < self._next_try:
            return getattr(self._local, name)(*args, **kwargs)
        try:
            if self._down_since is not None:
                self._replay_deletes()
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self._mark_down(error)
            return getattr(self._local, name)(*args, **kwargs)
        self._mark_up()
        return result

    def _mark_down(self, error: Exception) -> None:
        with self._lock:
            self._next_try = time.monotonic() + RETRY_SECONDS
            if self._down_since is None:
                self._down_since = time.monotonic()
                logger.error("cache: Redis unreachable (%s); using a per-process cache until it answers", error)

    def _mark_up(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            outage = time.monotonic() - self._down_since
            self._down_since = None
            self._local.clear()
        logger.warning("cache: Redis answers again after %.0f s; back to the shared cache", outage)

    def _replay_deletes(self) -> None:
        with self._lock:
            keys, self._pending_deletes = list(self._pending_deletes), set()
        if keys:
            try:
                self._cache.delete_many(keys)  # keys already carry the prefix and version
            except RedisError:
                with self._lock:
                    self._pending_deletes.update(keys)
                raise

    def _remember_deletes(self, keys) -> None:
        with self._lock:
            if len(self._pending_deletes) < MAX_PENDING_DELETES:
                self._pending_deletes.update(keys)

    def delete(self, key, version=None):
        local = self._local.delete(key, version=version)
        if self._down_since is not None and time.monotonic() < self._next_try:
            self._remember_deletes([self.make_and_validate_key(key, version=version)])
            return local
        try:
            if self._down_since is not None:
                self._replay_deletes()
            result = super().delete(key, version=version)
        except RedisError as error:
            self._mark_down(error)
            self._remember_deletes([self.make_and_validate_key(key, version=version)])
            return local
        self._mark_up()
        return result

    def delete_many(self, keys, version=None):
        for key in keys:
            self.delete(key, version=version)

    def clear(self):
        self._local.clear()
        try:
            return super().clear()
        except RedisError as error:
            self._mark_down(error)


def _make_operation(name: str):
    def operation(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    operation.__name__ = name
    return operation


for _name in _OPERATIONS:
    setattr(FailSafeRedisCache, _name, _make_operation(_name))
