import asyncio
import contextlib
import logging

from channels.db import database_sync_to_async

from config.consumers import NOT_FOUND, UNAUTHENTICATED, LiveJsonConsumer
from config.errors import NotFound
from votes.live import WINDOW, feed_for, group_name, live_payload

logger = logging.getLogger(__name__)


class PollConsumer(LiveJsonConsumer):
    """Pushes turnout (and public live results) of one poll to the members who may see it.

    The same read as the poll page and API (`votes.selectors.poll_for_viewer`) decides who may join.
    Change notices are coalesced here: at most one update per `WINDOW` (see `votes.live`).
    """

    window: asyncio.Task | None = None
    pending = 0  # the number of the latest notice not yet answered, 0 when none

    async def connect(self):
        user = self.scope.get("user")
        self.poll_id = self.scope["url_route"]["kwargs"]["poll_id"]
        if user is None or not user.is_authenticated:
            await self.refuse(UNAUTHENTICATED)
            return
        payload = await self._first_payload(user, self.poll_id)
        if payload is None:
            await self.refuse(NOT_FOUND)
            return
        if await self.join([group_name(self.poll_id)]):
            await self.send_json(payload)

    @database_sync_to_async
    def _first_payload(self, user, poll_id):
        from votes.selectors import poll_for_viewer

        try:
            poll = poll_for_viewer(user, poll_id)
        except NotFound:
            return None  # 4404 either way, as the poll's page and API answer 404: existence is not revealed
        return live_payload(poll)

    async def poll_changed(self, event):
        number = feed_for(self.poll_id).receive(event["change"])
        if self.window is not None:  # within a window: answered when it ends
            self.pending = max(self.pending, number)
            return
        self.window = asyncio.create_task(self._close_window())
        await self._send_state(number)

    async def _close_window(self):
        """At the end of each window, one update if notices came in during it; stop after a quiet one."""
        try:
            while True:
                await asyncio.sleep(WINDOW)
                number, self.pending = self.pending, 0
                if not number:
                    break
                await self._send_state(number)
        finally:
            self.window = None

    async def _send_state(self, at_least: int):
        try:
            payload = await feed_for(self.poll_id).payload(at_least)
            if payload is not None:
                await self.send_json(payload)
        except Exception:  # best effort: the next vote or a page load shows the right figures anyway
            logger.warning("live update failed for poll %s", self.poll_id, exc_info=True)

    async def poll_update(self, event):
        """A ready payload sent to the group (the bench's broadcast baseline)."""
        await self.send_json(event["payload"])

    async def disconnect(self, code):
        if self.window is not None:
            self.window.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.window
        await super().disconnect(code)
