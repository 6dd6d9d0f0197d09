"""A database that cannot serve a request (pool exhausted, connection cut) answers 503 with Retry-After,
on pages and in the API's error shape — never a 500."""

import pytest
from django.db import OperationalError
from django.test import Client
from psycopg_pool import PoolTimeout

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "error",
    [PoolTimeout("couldn't get a connection after 10.00 sec"), OperationalError("terminating connection")],
    ids=["pool-timeout", "connection-cut"],
)
def test_database_unavailable_is_503_with_retry_after(error, site_tree, youth, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(youth)

    def unavailable(self, *args, **kwargs):
        raise error

    # The session is read from the database on every signed-in request, wherever it happens first.
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", unavailable)
    page = client.get("/evenements/")
    api = client.get("/api/v1/events/")
    for response in (page, api):
        assert response.status_code == 503
        assert int(response["Retry-After"]) > 0
    assert api.json()["error"]["code"] == "unavailable"


def test_a_real_bug_is_still_a_500(site_tree, youth, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(youth)
    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.load", lambda self: (_ for _ in ()).throw(RuntimeError("bug"))
    )
    assert client.get("/evenements/").status_code == 500
