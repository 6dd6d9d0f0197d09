"""The next step is always visible: polls waiting for the member's vote ("À toi de voter") or done ("Tu as
voté") on the home page and /sondages/, the events they registered for, their stories awaiting approval —
in a number of queries that does not grow with the data."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, EventStatus
from events.services.registrations import registration_register
from tests.factories import member_of
from tests.votes.conftest import build_poll, option_ids
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db

TO_VOTE = "À toi de voter"
VOTED = "Tu as voté"


def card_of(html: str, title: str) -> str:
    """The card (li) holding `title`."""
    for card in re.findall(r'<li class="card">(.*?)</li>', html, re.S):
        if title in card:
            return card
    raise AssertionError(f"no card for {title}")


@pytest.mark.parametrize("url", ["/", "/sondages/"])
def test_polls_say_whose_turn_it_is(client, site_tree, association, youth, staff, url):
    build_poll(association, title="Filières")
    voted = build_poll(association, title="Sortie")
    build_poll(association, title="Réservé aux jeunes", eligible_roles=["youth"])
    ballot_cast(poll=voted, user=youth, choices=[option_ids(voted)[0]])
    client.force_login(youth)
    html = unescape(client.get(url).content.decode())
    assert TO_VOTE in card_of(html, "Filières") and VOTED not in card_of(html, "Filières")
    assert VOTED in card_of(html, "Sortie") and TO_VOTE not in card_of(html, "Sortie")
    assert TO_VOTE in card_of(html, "Réservé aux jeunes")
    client.force_login(staff)  # staff may not vote in a youth-only poll: no call to vote
    html = unescape(client.get(url).content.decode())
    assert TO_VOTE not in card_of(html, "Réservé aux jeunes") and VOTED not in card_of(html, "Réservé aux jeunes")


def test_the_home_page_puts_polls_waiting_for_the_vote_first(client, site_tree, association, youth):
    now = timezone.now()
    for n in range(3):
        poll = build_poll(association, title=f"Déjà voté {n}", closes_at=now + timedelta(days=1 + n))
        ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    build_poll(association, title="Encore à voter", closes_at=now + timedelta(days=30))
    client.force_login(youth)
    html = unescape(client.get("/").content.decode())
    assert TO_VOTE in card_of(html, "Encore à voter")


@pytest.mark.parametrize("url", ["/", "/sondages/"])
def test_query_counts_do_not_grow_with_polls(client, site_tree, association, youth, url):
    build_poll(association, title="Un")
    client.force_login(youth)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(6):
        poll = build_poll(association, title=f"Encore {n}", eligible_roles=["youth"] if n % 2 else ["youth", "leader"])
        if n % 3 == 0:
            ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    client.get(url)
    with CaptureQueriesContext(connection) as seven:
        html = client.get(url).content.decode()
    assert html.count("À toi de voter") >= 2
    assert len(one.captured_queries) > 0 and len(seven.captured_queries) == len(one.captured_queries)


def test_events_the_member_registered_for_stay_on_the_home_page(client, site_tree, association, bamako, youth, leader):
    now = timezone.now()
    events = [
        Event.objects.create(
            association=association,
            section=bamako,
            title=f"Atelier {n}",
            kind="workshop",
            place="Centre",
            starts_at=now + timedelta(days=1 + n),
            ends_at=now + timedelta(days=1 + n, hours=2),
            status=EventStatus.PUBLISHED,
            created_by=leader,
        )
        for n in range(5)
    ]
    registration_register(user=youth, event_id=events[4].pk)
    client.force_login(youth)
    html = unescape(client.get("/").content.decode())
    assert "Atelier 4" in html  # the fifth event, registered, before the sooner ones
    assert "Atelier 3" not in html


def test_stories_awaiting_approval_are_on_their_authors_home_page(
    client, site_tree, association, bamako, kita, youth, other_youth, staff
):
    from cms.services.workflow import ensure_association_pages, ensure_workflow
    from tests.cms.conftest import submit

    ensure_workflow(association)
    ensure_association_pages(association)
    submit(youth, bamako, title="Journée de salubrité")
    client.force_login(youth)
    html = unescape(client.get("/").content.decode())
    awaiting = html.split('id="awaiting"')[1].split("</p>")[0]
    assert 'href="/activites/mes-recits/"' in awaiting and "Ton récit attend la validation" in awaiting
    # The home page lists live activities only: the story itself waits in "Mes récits".
    assert "Journée de salubrité" not in html
    assert "Journée de salubrité" in client.get("/activites/mes-recits/").content.decode()
    client.force_login(other_youth)
    assert 'id="awaiting"' not in client.get("/").content.decode()
    client.logout()
    assert 'id="awaiting"' not in client.get("/").content.decode()


def test_a_member_of_another_section_is_not_called_to_vote(client, site_tree, association, bamako, kita):
    build_poll(association, title="Pour Bamako", sections=[bamako])
    kita_member = member_of(kita)
    client.force_login(kita_member)
    assert "Pour Bamako" not in client.get("/sondages/").content.decode()
