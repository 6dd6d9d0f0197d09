"""Two uvicorn workers on PostgreSQL + Redis: 200 sockets across both on one poll; a vote on either worker
reaches all 200; then all 200 dropped and reconnected at once, without an error."""

import asyncio
import json

import httpx
import pytest
import websockets

from tests.factories import member_of
from tests.resilience.conftest import session_cookie, token_for
from tests.votes.conftest import build_poll, option_ids
from votes.models import Visibility

pytestmark = [pytest.mark.resilience, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SOCKETS = 200


async def _open(urls, path, cookie):
    async def one(base):
        ws = await websockets.connect(
            f"{base}{path}",
            additional_headers={"Cookie": cookie, "Origin": base.replace("ws", "http", 1)},
            open_timeout=60,
        )
        first = json.loads(await asyncio.wait_for(ws.recv(), 60))
        return ws, first

    return await asyncio.gather(*(one(urls[i % len(urls)]) for i in range(SOCKETS)), return_exceptions=True)


async def _reached(sockets, voted: int) -> int:
    async def wait(ws):
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 20))
            if message.get("voted", 0) >= voted:
                return True

    results = await asyncio.gather(*(wait(ws) for ws in sockets), return_exceptions=True)
    return sum(result is True for result in results)


async def _scenario(servers, poll_id, choice, cookie, vote_headers):
    ws_urls = [server.ws_url for server in servers]
    path = f"/ws/polls/{poll_id}/"
    opened = await _open(ws_urls, path, cookie)
    errors = [o for o in opened if isinstance(o, BaseException)]
    sockets = [o[0] for o in opened if not isinstance(o, BaseException)]
    reached = []
    for n, (server, headers) in enumerate(zip(servers, vote_headers, strict=True), start=1):
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as api:
            vote = await api.post(f"/api/v1/polls/{poll_id}/vote/", json={"choices": [choice]}, headers=headers)
            assert vote.status_code == 201
        reached.append(await _reached(sockets, n))
    await asyncio.gather(*(ws.close() for ws in sockets))
    reopened = await _open(ws_urls, path, cookie)
    reconnect_errors = [o for o in reopened if isinstance(o, BaseException)]
    await asyncio.gather(*(o[0].close() for o in reopened if not isinstance(o, BaseException)))
    return errors, reached, reconnect_errors


def test_200_sockets_across_two_workers(servers, redis_server, association, bamako):
    workers = [servers(redis_url=redis_server.url, DB_POOL_MAX=8) for _ in range(2)]
    poll = build_poll(association, results_visibility=Visibility.LIVE)
    watcher, *voters = [member_of(bamako) for _ in range(3)]
    cookie = session_cookie(watcher)
    errors, reached, reconnect_errors = asyncio.run(
        _scenario(workers, poll.pk, option_ids(poll)[0], cookie, [token_for(v) for v in voters])
    )
    print(f"two workers: open errors {len(errors)}, vote reached {reached}, reconnect errors {len(reconnect_errors)}")
    assert errors == []
    assert reached == [SOCKETS, SOCKETS]
    assert reconnect_errors == []
