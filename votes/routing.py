"""Websocket routes of this app (filled in by its own issue)."""

websocket_urlpatterns: list = []
