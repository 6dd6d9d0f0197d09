"""When the database cannot serve a request (pool exhausted, connection cut, server gone), the answer is
503 with `Retry-After`, never a 500: the request did nothing, and trying again shortly will work.

`handler500` asks `unavailable_response` first; it runs for exceptions raised anywhere (views, DRF,
middleware), so one place covers every page and endpoint.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from psycopg_pool import PoolTimeout

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def is_unavailable(exc: BaseException | None) -> bool:
    """A database that cannot answer now (as opposed to a bug): pool timeout, refused or cut connection."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, PoolTimeout | OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def unavailable_response(request) -> HttpResponse | None:
    exc = sys.exc_info()[1]
    if not is_unavailable(exc):
        return None
    logger.warning("database unavailable, answered 503 for %s: %s", request.path, exc)
    message = _("The service is busy. Please try again in a few seconds.")
    if request.path.startswith("/api/"):
        body = {"error": {"status": 503, "code": "unavailable", "message": message}}
        response = JsonResponse(body, status=503)
    else:
        html = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>503</title></head>'
            f'<body><h1>{message}</h1><p><a href="">↻</a></p></body></html>'
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
