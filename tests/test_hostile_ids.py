"""Ids and numbers typed by hand never make a 500: unicode digits ("²", "٣"), huge numbers, garbage."""

import datetime

import pytest
from django.utils import timezone

from config.parsing import parse_id

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("٣", None),
        (HUGE, None),
        ("0", None),
        ("-3", None),
        ("", None),
        (None, None),
        ("1e3", None),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
    ],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize("value", ["²", HUGE, "abc"])
def test_member_directory_filter(client, staff, value):
    client.force_login(staff)
    assert client.get(f"/membres/?section={value}").status_code == 200


@pytest.mark.parametrize("value", ["²", HUGE])
def test_moderation_item_ids_and_log_filter(client, api_client, staff, value):
    client.force_login(staff)
    assert client.get(f"/report/cms.comment:{value}/").status_code == 404
    assert client.get(f"/moderation/log/?member={value}").status_code == 200
    assert client.get(f"/moderation/log/?item=cms.comment:{value}").status_code in {200, 404}
    api_client.force_authenticate(staff)
    response = api_client.post(
        f"/api/v1/moderation/items/cms.comment:{value}/decision/", {"action": "approve"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["²", HUGE])
def test_event_forms(client, leader, association, value):
    client.force_login(leader)
    assert client.get(f"/evenements/nouveau/?association={value}").status_code == 200


def test_check_in_with_a_unicode_digit(client, leader, association):
    from events.models import Event

    starts = timezone.now() + datetime.timedelta(days=1)
    event = Event.objects.create(
        association=association,
        title="Réunion",
        kind="meeting",
        place="Bamako",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        status="published",
        created_by=leader,
    )
    event.organisers.set([leader])
    client.force_login(leader)
    response = client.post(f"/evenements/{event.pk}/pointage/", {"user": "²"})
    assert response.status_code in {200, 302}


def test_receipts_with_a_huge_page(client, api_client, youth, association):
    from votes.models import Poll

    now = timezone.now()
    poll = Poll.objects.create(
        association=association,
        title="Filière",
        question="Laquelle ?",
        kind="single",
        published=True,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(youth)
    assert client.get(f"/sondages/{poll.pk}/recus/?page={HUGE}").status_code == 200
    api_client.force_authenticate(youth)
    assert api_client.get(f"/api/v1/polls/{poll.pk}/receipts/?page={HUGE}").status_code == 200
