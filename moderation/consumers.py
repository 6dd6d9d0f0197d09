"""Live count of the moderation queue for staff, over /ws/moderation/."""

import contextlib

from channels.db import database_sync_to_async

from associations.predicates import active_staff_memberships
from config.consumers import FORBIDDEN, UNAUTHENTICATED, LiveJsonConsumer
from moderation.realtime import ALL_GROUP, association_group
from moderation.selectors import queue_count


class ModerationCountConsumer(LiveJsonConsumer):
    """Staff only. Joins one group per staffed association (platform admins: all); on every "queue changed"
    signal it recounts the viewer's own queue and sends `{"type": "moderation.count", "count": n}`.
    Nothing else is ever sent: no text, no author, no reason."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(UNAUTHENTICATED)
            return
        groups = await database_sync_to_async(self._groups_for)(user)
        if not groups:
            await self.refuse(FORBIDDEN)
            return
        if await self.join(groups):
            await self._send_count()

    def _groups_for(self, user) -> list[str]:
        if not user.has_perm("moderation.view_queue"):
            return []
        if user.is_superuser:
            return [ALL_GROUP]
        return sorted({association_group(m.association_id) for m in active_staff_memberships(user)})

    async def queue_changed(self, event):
        await self._send_count()

    async def _send_count(self):
        user = self.scope["user"]
        count = await database_sync_to_async(self._count)(user)
        await self.send_json({"type": "moderation.count", "count": count})

    def _count(self, user) -> int:
        # A fresh read each time: memberships may have changed since the socket opened.
        with contextlib.suppress(AttributeError):
            del user._ton_memberships
        return queue_count(user)
