"""Websocket routes of the votes app."""

from django.urls import path

from votes.consumers import PollConsumer

websocket_urlpatterns = [path("ws/polls/<int:poll_id>/", PollConsumer.as_asgi())]
