"""One JSON line per request, and the request id on every log line written while serving it.

What is logged: request id (nginx's X-Request-ID, or a new one), a hash of the user id, method, path
without query string, status, duration and query count. What never is: bodies, query strings, headers,
cookies — so no password, one-time code or ballot can reach the log, even in an error report.
"""

import contextvars
import hashlib
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.db import connections

logger = logging.getLogger("ton.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
STANDARD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}


def user_hash(user_id) -> str:
    """Stable per installation, useless elsewhere: ties a user's requests together without naming them."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:user:{user_id}".encode()).hexdigest()[:16]


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        counter = _QueryCounter()
        started = time.perf_counter()
        try:
            with connections["default"].execute_wrapper(counter):
                response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log(request, response.status_code, started, counter.count)
            return response
        finally:
            request_id_var.reset(token)

    def _log(self, request, status: int, started: float, queries: int) -> None:
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "queries": queries,
                "user": user_hash(user_id) if user_id is not None else None,
            },
        )


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in STANDARD_ATTRS and _plain(v)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _plain(value) -> bool:
    # Django's error log attaches the request object; only plain values are written out.
    return value is None or isinstance(value, str | int | float | bool)
