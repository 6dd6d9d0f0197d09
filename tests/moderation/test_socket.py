"""/ws/moderation/: staff only; a live count, recounted per viewer, that carries nothing else."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from associations.models import Membership, Role
from cms.models import Comment
from config.asgi import application
from moderation.content import ModerationStatus
from moderation.services import item_decide, report_create
from tests.factories import AssociationFactory, SectionFactory, member_of

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


@sync_to_async
def session_cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


async def socket_for(user):
    headers = [ORIGIN] if user is None else [ORIGIN, (b"cookie", await session_cookie_for(user))]
    return WebsocketCommunicator(application, "/ws/moderation/", headers=headers)


@sync_to_async
def world():
    from cms.demo import ASSOCIATION_NAME
    from cms.setup import ensure_site_tree

    home = ensure_site_tree(site_name=ASSOCIATION_NAME, title=ASSOCIATION_NAME)
    association = AssociationFactory(slug="imaj")
    bamako = SectionFactory(association=association, slug="bamako")
    kita = SectionFactory(association=association, slug="kita")
    elsewhere = SectionFactory(association=AssociationFactory(slug="autre"), slug="dakar")
    people = {
        "youth": member_of(bamako, Role.YOUTH, username="youth"),
        "leader": member_of(bamako, Role.LEADER, username="leader"),
        "staff": member_of(bamako, Role.STAFF, username="staff"),
        "kita_staff": member_of(kita, Role.STAFF, username="staff.kita"),
        "foreign_staff": member_of(elsewhere, Role.STAFF, username="staff.autre"),
        "reporters": [member_of(bamako, Role.YOUTH, username=f"rep{n}") for n in range(3)],
    }
    comment = Comment.objects.create(
        page=home, author=people["youth"], association=association, section=bamako, text="Bonjour", status="published"
    )
    return people, comment


@sync_to_async
def write_pending(people):
    author = people["youth"]
    membership = Membership.objects.get(user=author)
    return Comment.objects.create(
        page=Comment.objects.first().page,
        author=author,
        association=membership.association,
        section=membership.section,
        text="Nouveau",
        status=ModerationStatus.PENDING,
    )


@pytest.mark.parametrize(("who", "code"), [(None, 4401), ("youth", 4403), ("leader", 4403)])
async def test_non_staff_are_refused_with_a_close_code(who, code):
    people, _ = await world()
    socket = await socket_for(people[who] if who else None)
    # Accepted then closed, so the browser sees the code (and stops retrying) rather than 1006.
    assert (await socket.connect())[0] is True
    assert await socket.receive_output(timeout=2) == {"type": "websocket.close", "code": code}


async def test_staff_get_the_count_then_live_updates_only_numbers():
    people, comment = await world()
    staff = await socket_for(people["staff"])
    kita = await socket_for(people["kita_staff"])
    foreign = await socket_for(people["foreign_staff"])
    for socket in (staff, kita, foreign):
        assert (await socket.connect())[0] is True
        assert await socket.receive_json_from(timeout=2) == {"type": "moderation.count", "count": 0}

    await write_pending(people)
    assert await staff.receive_json_from(timeout=2) == {"type": "moderation.count", "count": 1}
    # Kita staff are told to recount (same association) but the item is not in their section.
    assert await kita.receive_json_from(timeout=2) == {"type": "moderation.count", "count": 0}
    assert await foreign.receive_nothing(timeout=0.3) is True

    await sync_to_async(report_create)(
        reporter=people["reporters"][0], content_type="cms.comment", object_id=comment.pk, reason="spam"
    )
    assert await staff.receive_json_from(timeout=2) == {"type": "moderation.count", "count": 2}

    await sync_to_async(item_decide)(actor=people["staff"], item_id=f"cms.comment:{comment.pk}", action="approve")
    assert await staff.receive_json_from(timeout=2) == {"type": "moderation.count", "count": 1}
    for socket in (staff, kita, foreign):
        await socket.disconnect()


async def test_foreign_origin_is_refused():
    people, _ = await world()
    headers = [(b"origin", b"https://evil.example"), (b"cookie", await session_cookie_for(people["staff"]))]
    connected, _ = await WebsocketCommunicator(application, "/ws/moderation/", headers=headers).connect()
    assert connected is False
