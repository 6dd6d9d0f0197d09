"""The notifications websocket: members only, same origin only, each member their own messages."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from associations.realtime import user_group
from config.asgi import application
from tests.factories import UserFactory

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


@sync_to_async
def session_cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def communicator(*headers):
    return WebsocketCommunicator(application, "/ws/notifications/", headers=list(headers))


async def test_anonymous_is_refused_with_a_close_code():
    socket = communicator(ORIGIN)
    assert (await socket.connect())[0] is True
    assert await socket.receive_output(timeout=2) == {"type": "websocket.close", "code": 4401}


async def test_member_is_accepted():
    user = await sync_to_async(UserFactory)()
    socket = communicator(ORIGIN, (b"cookie", await session_cookie_for(user)))
    connected, _ = await socket.connect()
    assert connected is True
    await socket.disconnect()


async def test_foreign_origin_is_refused_even_when_logged_in():
    user = await sync_to_async(UserFactory)()
    socket = communicator((b"origin", b"https://evil.example"), (b"cookie", await session_cookie_for(user)))
    connected, _ = await socket.connect()
    assert connected is False


async def test_push_reaches_its_recipient_only():
    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    alice_socket = communicator(ORIGIN, (b"cookie", await session_cookie_for(alice)))
    bob_socket = communicator(ORIGIN, (b"cookie", await session_cookie_for(bob)))
    assert (await alice_socket.connect())[0] and (await bob_socket.connect())[0]
    payload = {"kind": "test", "text": "Bonjour Alice"}
    await get_channel_layer().group_send(user_group(alice.pk), {"type": "notification.push", "payload": payload})
    assert await alice_socket.receive_json_from(timeout=2) == payload
    assert await bob_socket.receive_nothing(timeout=0.3) is True
    await alice_socket.disconnect()
    await bob_socket.disconnect()


async def test_notify_service_pushes_live_to_the_recipient_only():
    from associations.services.notifications import notify

    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    alice_socket = communicator(ORIGIN, (b"cookie", await session_cookie_for(alice)))
    bob_socket = communicator(ORIGIN, (b"cookie", await session_cookie_for(bob)))
    assert (await alice_socket.connect())[0] and (await bob_socket.connect())[0]
    await sync_to_async(notify)([alice], kind="test", message="Ton inscription est confirmée", url="/")
    message = await alice_socket.receive_json_from(timeout=3)
    assert message["text"] == "Ton inscription est confirmée"
    assert message["kind"] == "test"
    assert await bob_socket.receive_nothing(timeout=0.3) is True
    await alice_socket.disconnect()
    await bob_socket.disconnect()
