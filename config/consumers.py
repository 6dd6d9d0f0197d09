"""Base of every live socket: refusals keep their close code, and a channel layer outage never crashes one.

A close sent before `accept()` becomes an HTTP 403 at the handshake and the browser only sees 1006, so the
client cannot tell "not allowed" from "server away" and retries for ever. Refusals therefore accept first,
then close with 4401 (log in), 4403 (not allowed) or 4404 (gone); the clients stop on those codes.
When the layer (Redis) is down the socket closes with 1013 ("try again later"): clients back off and
reconnect, and the page itself keeps working.
"""

import contextlib
import logging

from channels.generic.websocket import AsyncJsonWebsocketConsumer

logger = logging.getLogger(__name__)

UNAUTHENTICATED = 4401
FORBIDDEN = 4403
NOT_FOUND = 4404
TRY_AGAIN_LATER = 1013


class LiveJsonConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def refuse(self, code: int) -> None:
        await self.accept()
        await self.close(code=code)

    async def join(self, groups: list[str]) -> bool:
        """Join the groups and accept; on a layer failure accept and close with 1013. True when live."""
        self.groups_joined = []
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
        except Exception as error:  # Redis down: the socket comes back when it does
            logger.warning("socket refused for now, channel layer unreachable: %s", error)
            await self.refuse(TRY_AGAIN_LATER)
            return False
        await self.accept()
        return True

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            with contextlib.suppress(Exception):  # the layer may be the reason we are closing
                await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        return  # push-only: anything a client sends is ignored
