"""With Redis unreachable (cache, throttle counters, channel layer), every request still succeeds: pages,
login, API, votes and registrations are stored and acknowledged; throttles fall back to a per-process
limit; the outage is logged once, not once per request."""

import logging
import socket

import pytest
from django.test import Client
from rest_framework.test import APIClient

from events.models import Registration
from tests.events.conftest import make_event  # noqa: F401  (fixture)
from tests.votes.conftest import build_poll, option_ids
from votes.models import Participation

pytestmark = pytest.mark.django_db


def _dead_redis_url() -> str:
    """A port nothing listens on: Redis is "down"."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def redis_down(settings):
    url = _dead_redis_url()
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": url, "KEY_PREFIX": "t"}}
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield url
    channel_layers.backends.clear()


def test_pages_login_api_votes_and_registrations_work_without_redis(
    redis_down,
    site_tree,
    association,
    youth,
    other_youth,
    make_event,  # noqa: F811
    caplog,
):
    client = Client(raise_request_exception=False)
    api = APIClient()
    api.raise_request_exception = False
    with caplog.at_level(logging.WARNING):
        statuses = [client.get(path).status_code for path in ("/", "/accounts/login/", "/evenements/", "/sondages/")]
        statuses.append(api.get("/api/v1/events/").status_code)
        login = client.post("/accounts/login/", {"username": youth.username, "password": "motdepasse-solide"})
        client.force_login(youth)
        statuses += [client.get(path).status_code for path in ("/", "/evenements/", "/sondages/")]
        poll = build_poll(association)
        api.force_authenticate(youth)
        vote = api.post(f"/api/v1/polls/{poll.pk}/vote/", {"choices": [option_ids(poll)[0]]}, format="json")
        event = make_event(capacity=5)
        registration = client.post(f"/evenements/{event.pk}/inscription/")
        statuses += [login.status_code, vote.status_code, registration.status_code]
        statuses.append(client.get(f"/evenements/{event.pk}/").status_code)
    assert all(status < 500 for status in statuses), statuses
    assert vote.status_code == 201 or vote.status_code == 200
    assert Participation.objects.filter(poll=poll, member=youth).exists()
    assert Registration.objects.filter(event=event, member=youth).exists()
    records = caplog.get_records("setup") + caplog.records
    outage_logs = [r for r in records if "Redis unreachable" in r.getMessage()]
    assert len(outage_logs) == 1  # once per outage, not once per request


def test_throttles_fall_back_to_a_per_process_limit(redis_down, monkeypatch):
    # DRF reads the rates once, at import: patch them where the throttles look.
    rates = {"anon": "3/minute", "user": "9/minute", "auth": "3/minute"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    api = APIClient()
    api.raise_request_exception = False
    statuses = [api.get("/api/v1/activities/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_sessions_do_not_live_in_redis(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
