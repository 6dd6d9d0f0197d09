"""Live queue count: channel-layer groups and the push sent after a commit.

Messages carry no content, only "the queue of this association changed"; each staff socket then recounts
its own queue (sections and safeguarding scope differ per person), so nothing leaks through the socket.
"""

from django.db import transaction

from config.realtime import group_send

ALL_GROUP = "moderation-all"


def association_group(association_id: int) -> str:
    return f"moderation-{association_id}"


def queue_changed_on_commit(association_id: int) -> None:
    """Tell the staff sockets of this association (and platform admins) to recount, once committed."""
    transaction.on_commit(lambda: _push(association_id))


def _push(association_id: int) -> None:
    # Best effort (config.realtime never raises): the page shows the count anyway.
    for group in (association_group(association_id), ALL_GROUP):
        group_send(group, {"type": "queue.changed"})
