"""Websocket routes of moderation."""

from django.urls import path

from moderation.consumers import ModerationCountConsumer

websocket_urlpatterns = [path("ws/moderation/", ModerationCountConsumer.as_asgi())]
