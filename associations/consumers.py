from channels.generic.websocket import AsyncJsonWebsocketConsumer

from associations.realtime import user_group


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """Pushes a member's own notifications to them; nobody else joins their group."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The socket is push-only; anything sent by the client is ignored.
        return

    async def notification_push(self, event):
        await self.send_json(event["payload"])
