"""Real parallel votes on PostgreSQL: threads, each with its own database connection, through the API.

Skipped on SQLite (the `postgres` marker): SQLite serialises writers, so it would prove nothing.
"""

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import member_of
from tests.votes.conftest import build_poll, close_now, option_ids
from votes import sealing, selectors
from votes.models import Ballot, Participation, Poll, SealedBallot
from votes.services import ballot_cast
from votes.services.mixing import ballots_mix

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _vote(user, poll_id, choices, barrier=None):
    try:
        client = APIClient()
        client.force_authenticate(user)
        if barrier is not None:
            barrier.wait(timeout=30)
        started = timezone.now()
        response = client.post(f"/api/v1/polls/{poll_id}/vote/", {"choices": choices}, format="json")
        return started, response.status_code
    finally:
        connection.close()


def _totals(poll):
    """Ballots, participations and tallied votes once the poll has closed (which mixes what still waits)."""
    close_now(poll)
    poll = Poll.objects.prefetch_related("options", "sections").get(pk=poll.pk)
    results = selectors.poll_results(poll)
    assert not SealedBallot.objects.filter(poll=poll).exists()
    tallied = sum(option["votes"] for option in results["options"])
    return Ballot.objects.filter(poll=poll).count(), Participation.objects.filter(poll=poll).count(), tallied


def test_one_member_sending_100_votes_at_once_votes_once(association, bamako):
    poll = build_poll(association)
    youth = member_of(bamako)
    first = option_ids(poll)[0]
    workers = 40
    barrier = threading.Barrier(workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # The first 40 start together at the barrier; the other 60 follow as threads free up.
        futures = [pool.submit(_vote, youth, poll.pk, [first], barrier if i < workers else None) for i in range(100)]
        statuses = [future.result()[1] for future in futures]
    assert statuses.count(201) == 1
    assert statuses.count(409) == 99
    assert _totals(poll) == (1, 1, 1)


def test_fifty_members_at_once_give_fifty_ballots(association, bamako):
    poll = build_poll(association)
    ids = option_ids(poll)
    members = [member_of(bamako) for _ in range(50)]
    barrier = threading.Barrier(50)
    with ThreadPoolExecutor(max_workers=50) as pool:
        futures = [pool.submit(_vote, m, poll.pk, [ids[i % 3]], barrier) for i, m in enumerate(members)]
        statuses = [future.result()[1] for future in futures]
    assert statuses == [201] * 50
    assert _totals(poll) == (50, 50, 50)
    assert len(set(Ballot.objects.filter(poll=poll).values_list("receipt", flat=True))) == 50


def test_votes_at_the_closing_instant_are_refused(association, bamako):
    """Votes sent around the closing instant: every vote sent at or after it is refused."""
    now = timezone.now()
    poll = build_poll(association)
    closes_at = now + datetime.timedelta(seconds=2)
    Poll.objects.filter(pk=poll.pk).update(closes_at=closes_at)
    members = [member_of(bamako) for _ in range(40)]
    first = option_ids(poll)[0]

    def at(offset_ms, user):
        delay = (closes_at - timezone.now()).total_seconds() + offset_ms / 1000
        if delay > 0:
            time.sleep(delay)
        return _vote(user, poll.pk, [first])

    offsets = [-200 + 10 * i for i in range(40)]  # from 200 ms before to 190 ms after closing
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(at, offsets, members))
    for started, status in results:
        if started >= closes_at:
            assert status == 409
        assert status in {201, 409}
    accepted = [status for _started, status in results].count(201)
    assert any(started >= closes_at for started, _status in results)
    assert _totals(poll) == (accepted, accepted, accepted)


def test_vote_in_flight_at_closing_is_refused(association, bamako, monkeypatch):
    """A request that starts while the poll is open but commits after it closed writes nothing."""
    from votes.services import ballots

    poll = build_poll(association)
    members = [member_of(bamako) for _ in range(10)]
    choice = option_ids(poll)[0]
    closes_at = timezone.now() + datetime.timedelta(milliseconds=800)
    Poll.objects.filter(pk=poll.pk).update(closes_at=closes_at)
    original = ballots._write

    def slow(poll_, user, content):
        written = original(poll_, user, content)
        time.sleep(max((closes_at - timezone.now()).total_seconds(), 0) + 0.1)
        return written

    monkeypatch.setattr(ballots, "_write", slow)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda m: _vote(m, poll.pk, [choice]), members))
    assert all(started < closes_at for started, _status in results)  # all started while open
    assert [status for _started, status in results] == [409] * 10
    assert _totals(poll) == (0, 0, 0)


def test_mixers_running_at_once_mix_each_ballot_exactly_once(association, bamako, monkeypatch):
    """Six mixers (the after-vote task and the periodic command) start together on 40 sealed ballots."""
    poll = build_poll(association)
    first = option_ids(poll)[0]
    with override_settings(BALLOT_MIX_SIZE=1000):  # no mix while voting
        receipts = {ballot_cast(poll=poll, user=member_of(bamako), choices=[first]).code for _ in range(40)}
    assert SealedBallot.objects.filter(poll=poll).count() == 40
    original = sealing.unseal

    def slow(**kwargs):  # a mixer holds its row locks long enough for the others to meet them
        time.sleep(0.005)
        return original(**kwargs)

    monkeypatch.setattr(sealing, "unseal", slow)
    barrier = threading.Barrier(6)

    def mix(index):
        try:
            barrier.wait(timeout=30)
            if index % 2:
                call_command("mix_ballots", stdout=StringIO())
                return None
            return ballots_mix(poll_id=poll.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        reported = [result for result in pool.map(mix, range(6)) if result is not None]
    mixed = Ballot.objects.filter(poll=poll).count()
    assert mixed + SealedBallot.objects.filter(poll=poll).count() == 40
    assert sum(reported) <= mixed  # no ballot counted by two mixers (and no mixer failed)
    close_now(poll)
    call_command("mix_ballots", stdout=StringIO())
    assert set(Ballot.objects.filter(poll=poll).values_list("receipt", flat=True)) == receipts
    assert Ballot.objects.filter(poll=poll).count() == 40 and not SealedBallot.objects.exists()
