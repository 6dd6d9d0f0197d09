from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from votes.live import group_name, live_payload


class PollConsumer(AsyncJsonWebsocketConsumer):
    """Pushes turnout (and public live results) of one poll to the members who may see it.

    The same policy as the poll page (`votes.rules.can_view`) decides who may join.
    """

    async def connect(self):
        user = self.scope.get("user")
        poll_id = self.scope["url_route"]["kwargs"]["poll_id"]
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        payload = await self._first_payload(user, poll_id)
        if payload is None:
            await self.close(code=4403)
            return
        self.group = group_name(poll_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(payload)

    @database_sync_to_async
    def _first_payload(self, user, poll_id):
        from votes import rules
        from votes.models import Poll

        poll = Poll.objects.prefetch_related("options", "sections").filter(pk=poll_id).first()
        if poll is None or not rules.can_view(user, poll):
            return None
        return live_payload(poll)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        return  # push-only

    async def poll_update(self, event):
        await self.send_json(event["payload"])
