"""One JSON line per request with the request id; nothing secret in any log line, errors included."""

import json
import logging

import pytest
from django.test import override_settings
from django.urls import path

from config.requestlog import JsonFormatter, RequestIdFilter, user_hash
from config.urls import urlpatterns as site_urls

PASSWORD = "Tr3s-secret-password"
CODE = "QWER-TYUI"
BALLOT = "Mon-choix-secret"


def boom(request):
    raise RuntimeError("the view failed")


urlpatterns = [path("boom/", boom), *site_urls]


@pytest.fixture
def json_lines():
    """Every record of the run, formatted as production formats it."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


def _request_lines(lines):
    return [json.loads(line) for line in lines if json.loads(line)["logger"] == "ton.request"]


@pytest.mark.django_db
def test_one_json_line_per_request_with_the_proxy_request_id(client, youth, json_lines):
    client.force_login(youth)
    response = client.get("/", HTTP_X_REQUEST_ID="abc123def456")
    assert response["X-Request-ID"] == "abc123def456"
    (entry,) = _request_lines(json_lines)
    assert entry["request_id"] == "abc123def456"
    assert entry["path"] == "/" and entry["method"] == "GET" and entry["status"] == response.status_code
    assert entry["user"] == user_hash(youth.pk) and str(youth.pk) != entry["user"]
    assert entry["queries"] > 0 and entry["duration_ms"] >= 0


@pytest.mark.django_db
def test_a_request_id_is_generated_when_missing_or_unsafe(client, json_lines):
    first = client.get("/healthz/")
    second = client.get("/healthz/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    ids = [entry["request_id"] for entry in _request_lines(json_lines)]
    assert ids == [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2 and all(len(value) == 32 for value in ids)
    assert all(entry["user"] is None for entry in _request_lines(json_lines))


@pytest.mark.django_db(transaction=True)
def test_nothing_secret_is_logged_not_even_with_an_error(client, youth, json_lines):
    client.post("/accounts/login/", {"username": youth.username, "password": PASSWORD})
    client.post(f"/accounts/code/?code={CODE}", {"username": youth.username, "code": CODE})
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__):
        response = client.post("/boom/?ballot=" + BALLOT, {"choice": BALLOT, "password": PASSWORD})
    assert response.status_code == 500
    text = "\n".join(json_lines)
    assert PASSWORD not in text and CODE not in text and BALLOT not in text
    errors = [json.loads(line) for line in json_lines if json.loads(line)["level"] == "ERROR"]
    assert errors and all(entry["request_id"] == response["X-Request-ID"] for entry in errors)
    assert "RuntimeError" in errors[0]["exception"]
