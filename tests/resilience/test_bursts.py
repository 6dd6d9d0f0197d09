"""Bursts through a real uvicorn server on PostgreSQL: 200 registrations for a 30-place event and 100 votes
by one member, all sent at once. Exact results, 0 × 5xx, and never more connections than the pool allows."""

import asyncio
import threading
import time
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from events.models import Event, EventStatus, Registration, RegistrationStatus
from tests.factories import member_of
from tests.resilience.conftest import pg_connections, token_for
from tests.votes.conftest import build_poll, option_ids
from votes.models import Ballot, Participation, SealedBallot

pytestmark = [pytest.mark.resilience, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

POOL_MAX = 8


class PeakConnections:
    """Samples pg_stat_activity while a burst runs (the figure the pool bounds)."""

    def __init__(self):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        from django.db import connection

        try:
            while not self._stop.is_set():
                self.peak = max(self.peak, pg_connections())
                time.sleep(0.05)
        finally:
            connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


async def _all_at_once(url: str, requests: list[tuple[str, dict]]) -> list[int]:
    limits = httpx.Limits(max_connections=len(requests), max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        responses = await asyncio.gather(*(client.post(path, headers=headers) for path, headers in requests))
    return [response.status_code for response in responses]


def test_200_registrations_and_100_votes_at_once(servers, association, bamako, leader):
    server = servers(DB_POOL_MAX=POOL_MAX, DB_POOL_TIMEOUT=60)
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Concert",
        kind="workshop",
        place="Centre",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=EventStatus.PUBLISHED,
        created_by=leader,
        capacity=30,
    )
    youths = [member_of(bamako) for _ in range(200)]
    requests = [(f"/api/v1/events/{event.pk}/registration/", token_for(youth)) for youth in youths]
    with PeakConnections() as peak:
        statuses = asyncio.run(_all_at_once(server.url, requests))
    print(f"registrations: {sorted(set(statuses))} peak connections {peak.peak} (pool {POOL_MAX})")
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(201) == 200
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 30
    waitlist = sorted(
        registrations.filter(status=RegistrationStatus.WAITLISTED).values_list("waitlist_number", flat=True)
    )
    assert waitlist == list(range(1, 171))
    # The pool plus this test's own connections: never one connection per request (200 before the pool).
    assert peak.peak <= POOL_MAX + 2

    poll = build_poll(association)
    voter = youths[0]
    headers = token_for(voter)
    body = f'{{"choices": [{option_ids(poll)[0]}]}}'
    votes = asyncio.run(_votes(server.url, poll.pk, headers, body))
    print(f"votes: {sorted(set(votes))}")
    assert [s for s in votes if s >= 500] == []
    assert votes.count(201) == 1 and votes.count(409) == 99
    # A secret ballot stays sealed until k of them wait (or the poll closes): count it wherever it is.
    stored = Ballot.objects.filter(poll=poll).count() + SealedBallot.objects.filter(poll=poll).count()
    assert stored == Participation.objects.filter(poll=poll).count() == 1


async def _votes(url, poll_id, headers, body) -> list[int]:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=0)
    headers = {**headers, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        responses = await asyncio.gather(
            *(client.post(f"/api/v1/polls/{poll_id}/vote/", content=body, headers=headers) for _ in range(100))
        )
    return [response.status_code for response in responses]
