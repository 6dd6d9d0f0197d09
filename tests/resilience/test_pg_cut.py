"""PostgreSQL connections cut (pg_terminate_backend on the test database's sessions) during a burst of
votes: every request answers — 2xx, a refusal, or 503 with Retry-After — and every acknowledged vote is there."""

import asyncio
import threading
import time

import httpx
import pytest
from django.db import connection

from tests.factories import member_of
from tests.resilience.conftest import token_for
from tests.votes.conftest import build_poll, option_ids
from votes.models import Participation

pytestmark = [pytest.mark.resilience, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _cut_connections(stop: threading.Event, cuts: list[int]) -> None:
    from django.db import connection as own

    try:
        while not stop.is_set():
            with own.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                cuts.append(cursor.fetchone()[0])
            time.sleep(0.15)
    finally:
        own.close()


async def _burst(url, poll_id, body, headers_list):
    limits = httpx.Limits(max_connections=len(headers_list), max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        return await asyncio.gather(
            *(
                client.post(
                    f"/api/v1/polls/{poll_id}/vote/", content=body, headers={**h, "Content-Type": "application/json"}
                )
                for h in headers_list
            )
        )


def test_connections_cut_during_a_burst_of_votes(servers, association, bamako):
    server = servers(DB_POOL_MAX=8, DB_POOL_TIMEOUT=20)
    poll = build_poll(association)
    voters = [member_of(bamako) for _ in range(100)]
    headers = [token_for(voter) for voter in voters]
    body = f'{{"choices": [{option_ids(poll)[0]}]}}'
    connection.close()  # this test's own connection is cut too; it reconnects afterwards
    stop, cuts = threading.Event(), []
    cutter = threading.Thread(target=_cut_connections, args=(stop, cuts), daemon=True)
    cutter.start()
    try:
        responses = asyncio.run(_burst(server.url, poll.pk, body, headers))
    finally:
        stop.set()
        cutter.join(timeout=10)
    statuses = [r.status_code for r in responses]
    summary = {status: statuses.count(status) for status in sorted(set(statuses))}
    print(f"pg cut: {sum(cuts)} sessions terminated, answers {summary}")
    assert sum(cuts) > 0, "nothing was cut: the test would prove nothing"
    assert all(s < 500 or (s == 503 and r.headers.get("Retry-After")) for s, r in zip(statuses, responses, strict=True))
    acknowledged = {voter.pk for voter, s in zip(voters, statuses, strict=True) if s == 201}
    stored = set(Participation.objects.filter(poll=poll).values_list("member_id", flat=True))
    assert acknowledged <= stored
