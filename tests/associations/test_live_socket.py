"""The same checks through a real ASGI server and a real websocket client."""

import asyncio

import pytest
import websockets
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def try_connect(url: str, headers: dict) -> str:
    async def attempt():
        try:
            async with websockets.connect(url, additional_headers=headers, open_timeout=5) as socket:
                try:
                    await asyncio.wait_for(socket.recv(), 1)
                except websockets.exceptions.ConnectionClosed as closed:
                    return f"closed {closed.rcvd.code}"  # accepted, then refused with a code the client reads
                except TimeoutError:
                    pass
                return "open"
        except websockets.exceptions.InvalidStatus as exc:
            return f"refused {exc.response.status_code}"

    return asyncio.run(attempt())


def test_live_server_home_page(asgi_live_server):
    import urllib.request

    with urllib.request.urlopen(asgi_live_server.url + "/") as response:
        assert response.status == 200
        assert "SOS Villages" in response.read().decode()


def test_live_websocket_rules(asgi_live_server):
    url = asgi_live_server.ws_url + "/ws/notifications/"
    origin = asgi_live_server.url
    member = UserFactory()
    assert try_connect(url, {"Origin": origin}) == "closed 4401"
    assert try_connect(url, {"Origin": origin, "Cookie": session_cookie(member)}) == "open"
    assert try_connect(url, {"Origin": "https://evil.example", "Cookie": session_cookie(member)}) == "refused 403"
