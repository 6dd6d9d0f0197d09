"""Demo polls are idempotent and varied; the bench poll answers."""

import pytest
from django.core.management import call_command

from bench.apps.votes import BENCH_POLL_ID
from votes.models import Ballot, Participation, Poll

pytestmark = pytest.mark.django_db


def test_demo_polls_are_idempotent_and_cover_every_state(client):
    call_command("seed_demo", verbosity=0)
    counts = (Poll.objects.count(), Ballot.objects.count(), Participation.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Poll.objects.count(), Ballot.objects.count(), Participation.objects.count()) == counts
    states = {poll.state for poll in Poll.objects.all()}
    assert states == {"open", "scheduled", "closed"}
    assert counts[1] == counts[2] > 50
    closed = Poll.objects.get(title__startswith="Partenaire")
    assert closed.outcome and closed.ballots.count() == 35


def test_bench_poll_is_seeded_once(client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_bench", scale=1, verbosity=0)
    call_command("seed_bench", scale=1, verbosity=0)
    poll = Poll.objects.get(pk=BENCH_POLL_ID)
    assert poll.ballots.count() == poll.participations.count() > 300
