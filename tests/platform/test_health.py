"""/healthz says the process answers; /readyz says it can serve (database required, Redis reported)."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_redis_state(client):
    with override_settings(REDIS_URL=""):
        response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_readyz_ready_when_redis_is_down(client):
    # A port nothing listens on: Redis is reported unavailable, the worker still serves.
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/readyz/")
    assert response.status_code == 200 and response.json()["redis"] == "unavailable"


@pytest.mark.django_db
def test_readyz_not_ready_without_database(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable" and response.json()["database"] == "unavailable"
