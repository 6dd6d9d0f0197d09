"""The /ws/polls/<id>/ socket: viewers of the poll only, turnout after each commit, bursts coalesced."""

import asyncio
import math
import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from tests.factories import member_of
from tests.votes.conftest import build_poll, option_ids
from votes import live
from votes.models import Visibility
from votes.services import ballot_cast

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


@sync_to_async
def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def socket_for(poll, user=None):
    headers = [ORIGIN] + ([(b"cookie", await cookie_for(user))] if user else [])
    socket = WebsocketCommunicator(application, f"/ws/polls/{poll.pk}/", headers=headers)
    connected, _ = await socket.connect()
    return socket, connected


async def drain(socket, seconds: float) -> list[dict]:
    messages = []
    deadline = asyncio.get_running_loop().time() + seconds
    # receive_nothing does not cancel the application on timeout (receive_json_from would).
    while asyncio.get_running_loop().time() < deadline:
        if not await socket.receive_nothing(timeout=0.05):
            messages.append(await socket.receive_json_from(timeout=1))
    return messages


async def test_only_viewers_of_the_poll_may_listen(association, kita, youth, kita_youth, foreign_staff):
    poll = await sync_to_async(build_poll)(association, sections=[kita])
    # Accepted, then closed with a code the client understands (a refusal before accept reaches the
    # browser as 1006 and it would retry for ever): 4401 log in, 4404 like the poll's page and API.
    for user, code in ((None, 4401), (youth, 4404), (foreign_staff, 4404)):
        socket, connected = await socket_for(poll, user)
        assert connected is True
        assert await socket.receive_output(timeout=2) == {"type": "websocket.close", "code": code}
    socket, connected = await socket_for(type(poll)(pk=poll.pk + 1000), kita_youth)
    assert await socket.receive_output(timeout=2) == {"type": "websocket.close", "code": 4404}
    socket, connected = await socket_for(poll, kita_youth)
    assert connected is True
    first = await socket.receive_json_from(timeout=2)
    assert first == {"type": "turnout", "poll": poll.pk, "voted": 0, "eligible": 1}
    await socket.disconnect()


async def test_turnout_moves_after_a_vote_and_a_burst_is_coalesced(association, bamako, youth):
    # Results shown to everyone at once (not held back until each member has voted) may be pushed.
    poll = await sync_to_async(build_poll)(association, results_visibility=Visibility.LIVE, results_after_voting=False)
    voters = [await sync_to_async(member_of)(bamako) for _ in range(20)]
    socket, connected = await socket_for(poll, youth)
    assert connected
    assert (await socket.receive_json_from(timeout=2))["voted"] == 0
    choice = (await sync_to_async(option_ids)(poll))[0]
    started = time.monotonic()
    for voter in voters:
        await sync_to_async(ballot_cast)(poll=poll, user=voter, choices=[choice])
    windows = math.ceil((time.monotonic() - started) / live.WINDOW)
    messages = await drain(socket, 2.5)
    # At most a leading and a trailing update per window the burst spans (one window on an idle machine,
    # a few on a loaded one), never one message per vote.
    assert 1 <= len(messages) <= 2 * windows + 2 and len(messages) < len(voters), messages
    assert messages[-1]["voted"] == 20
    # Live results are public from 5 ballots of a secret poll on.
    assert messages[-1]["results"][0]["votes"] == 20
    await socket.disconnect()


async def test_results_are_not_pushed_when_not_live(association, bamako, youth):
    poll = await sync_to_async(build_poll)(association, results_visibility=Visibility.AFTER_CLOSE)
    voters = [await sync_to_async(member_of)(bamako) for _ in range(6)]
    socket, connected = await socket_for(poll, youth)
    assert connected
    await socket.receive_json_from(timeout=2)
    choice = (await sync_to_async(option_ids)(poll))[0]
    for voter in voters:
        await sync_to_async(ballot_cast)(poll=poll, user=voter, choices=[choice])
    messages = await drain(socket, 2.0)
    assert messages and messages[-1]["voted"] == 6
    assert all("results" not in message for message in messages)
    await socket.disconnect()


async def test_viewers_share_one_read_per_window_and_each_gets_the_last_vote(
    association, bamako, youth, other_youth, monkeypatch
):
    poll = await sync_to_async(build_poll)(association, results_visibility=Visibility.LIVE)
    voters = [await sync_to_async(member_of)(bamako) for _ in range(10)]
    reads = []
    fresh = live._fresh_payload
    monkeypatch.setattr(live, "_fresh_payload", lambda poll_id: reads.append(poll_id) or fresh(poll_id))
    sockets = [(await socket_for(poll, user))[0] for user in (youth, other_youth, youth)]
    for socket in sockets:
        assert (await socket.receive_json_from(timeout=2))["voted"] == 0
    choice = (await sync_to_async(option_ids)(poll))[0]
    started = time.monotonic()
    for voter in voters:
        await sync_to_async(ballot_cast)(poll=poll, user=voter, choices=[choice])
    windows = math.ceil((time.monotonic() - started) / live.WINDOW)
    received = await asyncio.gather(*(drain(socket, 2.5) for socket in sockets))
    for messages in received:
        assert 1 <= len(messages) <= 2 * windows + 2 and messages[-1]["voted"] == 10, messages
    # Three viewers, yet one database read per edge of a window: the viewers of a process share it.
    assert 1 <= len(reads) <= 2 * windows + 2, (len(reads), windows)
    for socket in sockets:
        await socket.disconnect()
