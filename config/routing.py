"""All websocket routes: each app keeps its own `routing.py`, gathered here."""

from associations.routing import websocket_urlpatterns as associations_ws
from events.routing import websocket_urlpatterns as events_ws
from moderation.routing import websocket_urlpatterns as moderation_ws
from votes.routing import websocket_urlpatterns as votes_ws

websocket_urlpatterns = [*associations_ws, *votes_ws, *events_ws, *moderation_ws]
