from channels.db import database_sync_to_async

from config.consumers import NOT_FOUND, UNAUTHENTICATED, LiveJsonConsumer
from votes.live import group_name, live_payload


class PollConsumer(LiveJsonConsumer):
    """Pushes turnout (and public live results) of one poll to the members who may see it.

    The same permission as the poll page (`votes.view_poll`) decides who may join.
    """

    async def connect(self):
        user = self.scope.get("user")
        poll_id = self.scope["url_route"]["kwargs"]["poll_id"]
        if user is None or not user.is_authenticated:
            await self.refuse(UNAUTHENTICATED)
            return
        payload = await self._first_payload(user, poll_id)
        if payload is None:
            await self.refuse(NOT_FOUND)
            return
        if await self.join([group_name(poll_id)]):
            await self.send_json(payload)

    @database_sync_to_async
    def _first_payload(self, user, poll_id):
        from votes.models import Poll

        poll = Poll.objects.prefetch_related("options", "sections").filter(pk=poll_id).first()
        if poll is None or not user.has_perm("votes.view_poll", poll):
            return None  # 4404 either way, as the poll's page and API answer 404: existence is not revealed
        return live_payload(poll)

    async def poll_update(self, event):
        await self.send_json(event["payload"])
