from associations.realtime import user_group
from config.consumers import UNAUTHENTICATED, LiveJsonConsumer


class NotificationConsumer(LiveJsonConsumer):
    """Pushes a member's own notifications to them; nobody else joins their group."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(UNAUTHENTICATED)
            return
        await self.join([user_group(user.pk)])

    async def notification_push(self, event):
        await self.send_json(event["payload"])
