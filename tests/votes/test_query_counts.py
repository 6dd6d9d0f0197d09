"""Pinned query counts of the vote (API with a token, HTML ballot) and the poll page, at 1x and 10x data
(issue 16): one query for the poll with its options, sections and the caller's participation, one for the
caller's memberships (role, section, suspension; the age is on the user), then only the writes."""

import threading

import pytest
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token

from tests.factories import member_of
from tests.votes.conftest import build_poll, option_ids
from votes import after_vote
from votes.models import Ballot, Participation, SealedBallot, Visibility

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, monkeypatch):
    """A task queue as in production; the polls noted for the background thread wait for `flush()` (no
    thread in tests: it would read the database outside the test's transaction)."""
    settings.TASKS = QUEUE
    monkeypatch.setattr(after_vote.AfterVote, "add", lambda self, poll_id, *, mix: self._pending.update({poll_id: mix}))
    after_vote.pending._pending.clear()
    yield
    after_vote.pending._pending.clear()


def _data(association, section, scale: int):
    """The poll under test with 5 x scale ballots in, and scale other polls, sections and members around."""
    for n in range(scale):
        build_poll(association, title=f"Autre {n}", sections=[section])
        member_of(section)
    poll = build_poll(association, results_visibility=Visibility.LIVE)
    first = option_ids(poll)[0]
    for _ in range(5 * scale):
        Participation.objects.create(poll=poll, member=member_of(section))
        Ballot.objects.create(poll=poll, content=[first], receipt=Ballot().id.hex[:10].upper())
    return poll


@pytest.mark.parametrize("scale", [1, 10])
def test_a_first_vote_through_the_api_is_eight_queries(
    client, association, bamako, scale, queue, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Token and user (1), poll (1), memberships (1), savepoint, two inserts, window, release (5): 8 in all,
    and with a task queue nothing after the commit runs in the request."""
    poll = _data(association, bamako, scale)
    voter = member_of(bamako)
    token = Token.objects.create(user=voter)
    url, choice = f"/api/v1/polls/{poll.pk}/vote/", {"choices": [option_ids(poll)[0]]}
    with django_assert_num_queries(8), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            choice,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
    assert response.status_code == 201
    assert Participation.objects.filter(poll=poll, member=voter).exists() and SealedBallot.objects.count() == 1


@pytest.mark.parametrize("scale", [1, 10])
def test_a_vote_through_the_html_ballot_pins_its_queries(
    client, association, bamako, scale, queue, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Session and user (2), poll and memberships (2), the five of the transaction, and the site and unread
    count of the page header and its root page around the receipt (3)."""
    poll = _data(association, bamako, scale)
    client.force_login(member_of(bamako))
    choice = {"choices": [option_ids(poll)[0]]}
    with django_assert_num_queries(12), django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sondages/{poll.pk}/voter/", choice)
    assert response.status_code == 200 and SealedBallot.objects.count() == 1


@pytest.mark.parametrize("scale", [1, 10])
def test_the_poll_page_pins_its_queries(client, association, bamako, scale, django_assert_num_queries):
    """Session and user (2), the poll with its options, sections and the viewer's participation (1), the
    memberships (1); the header's site and unread count, and the results, come from the cache."""
    poll = _data(association, bamako, scale)
    client.force_login(member_of(bamako))
    client.get(f"/sondages/{poll.pk}/")  # the results are cached by the first reader
    with django_assert_num_queries(4):
        page = client.get(f"/sondages/{poll.pk}/")
    assert page.status_code == 200 and "Couture" in page.content.decode()


def test_with_a_queue_the_follow_up_runs_after_the_request(
    api_client, association, bamako, queue, monkeypatch, django_capture_on_commit_callbacks
):
    """The vote's request only notes the poll; the next round (the background thread) queues the mix once,
    clears the results cache and sends one live notice for every vote noted meanwhile."""
    pushed = []
    monkeypatch.setattr("votes.live.poll_changed", pushed.append)
    poll = build_poll(association)
    for _ in range(3):
        api_client.force_authenticate(member_of(bamako))
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(f"/api/v1/polls/{poll.pk}/vote/", {"choices": [option_ids(poll)[0]]})
        assert response.status_code == 201
    assert pushed == [] and not DBTaskResult.objects.exists()
    after_vote.pending.flush()
    assert pushed == [poll.pk] and DBTaskResult.objects.count() == 1
    assert SealedBallot.objects.count() == 3


def test_the_background_thread_handles_every_poll_noted_off_the_callers_thread():
    """Each noted poll is handled once it is noted, by the process's own thread, never the caller's; a poll
    noted twice before its round is handled once, with the mix if any of its votes asked for one."""
    handled, done = [], threading.Event()

    def work(poll_id, mix):
        handled.append((poll_id, mix, threading.current_thread().name))
        if {p for p, _m, _t in handled} == {1, 2} and (1, True) in {(p, m) for p, m, _t in handled}:
            done.set()

    rounds = after_vote.AfterVote(work)
    rounds.add(1, mix=False)
    rounds.add(1, mix=True)
    rounds.add(2, mix=False)
    assert done.wait(10)
    assert len(handled) <= 3 and {name for _p, _m, name in handled} == {"ton-after-vote"}
