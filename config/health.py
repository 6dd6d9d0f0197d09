"""Probes for the supervisor and the load balancer: /healthz (the process answers) and /readyz (it can
serve: the database answers; Redis is reported but not required, since the platform degrades without it)."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

REDIS_TIMEOUT_SECONDS = 1.0
logger = logging.getLogger("ton.health")


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    database = _database_state()
    body = {"status": "ok" if database == "ok" else "unavailable", "database": database, "redis": _redis_state()}
    return JsonResponse(body, status=200 if database == "ok" else 503)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not ready"; the reason goes to the log, not the probe
        logger.exception("database not reachable")
        return "unavailable"
    return "ok"


def _redis_state() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError:
        return "unavailable"
    finally:
        client.close()
    return "ok"
