"""The mix: when it runs, that it loses nothing, the key it needs, key rotation, receipts before and after."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes import sealing, selectors
from votes.models import Ballot, Kind, Participation, PublicVote, SealedBallot
from votes.services import ballot_cast
from votes.services.mixing import ballots_mix

pytestmark = pytest.mark.django_db

OTHER_KEY = "another-ballot-key-for-rotation-tests-0123456789"


def _cast(poll, section, n, choice=0):
    return [ballot_cast(poll=poll, user=member_of(section), choices=[option_ids(poll)[choice]]) for _ in range(n)]


def _mix_command() -> str:
    out = StringIO()
    call_command("mix_ballots", stdout=out)
    return out.getvalue()


def test_an_open_poll_is_mixed_once_k_ballots_wait_and_then_all_of_them(make_poll, bamako):
    poll = make_poll()
    _cast(poll, bamako, 4)
    assert ballots_mix(poll_id=poll.pk) == 0
    assert "0 ballot(s) mixed" in _mix_command()
    assert not Ballot.objects.exists() and SealedBallot.objects.count() == 4
    _cast(poll, bamako, 2)
    assert ballots_mix(poll_id=poll.pk) == 6
    assert Ballot.objects.filter(poll=poll).count() == 6 and not SealedBallot.objects.exists()
    assert ballots_mix(poll_id=poll.pk) == 0  # idempotent


@override_settings(BALLOT_MIX_SIZE=3)
def test_k_comes_from_the_setting(make_poll, bamako):
    poll = make_poll()
    _cast(poll, bamako, 2)
    assert ballots_mix(poll_id=poll.pk) == 0
    _cast(poll, bamako, 1)
    assert ballots_mix(poll_id=poll.pk) == 3


def test_a_poll_closed_with_fewer_than_k_is_mixed_by_the_command(make_poll, bamako):
    poll, other = make_poll(), make_poll()
    _cast(poll, bamako, 3, choice=1)
    _cast(other, bamako, 2)
    close_now(poll)
    assert "3 ballot(s) mixed in 1 poll(s)" in _mix_command()
    assert sorted(Ballot.objects.filter(poll=poll).values_list("content", flat=True)) == [[option_ids(poll)[1]]] * 3
    assert SealedBallot.objects.filter(poll=other).count() == 2  # open, fewer than k: waits
    assert "0 ballot(s) mixed" in _mix_command()  # a second run finds nothing to do


def test_a_crash_between_cast_and_mix_loses_no_vote(make_poll, bamako, monkeypatch):
    """The after-commit mix never ran (crash), then a mix crashed half-way: the next run counts every vote."""
    poll = make_poll()
    receipts = _cast(poll, bamako, 5, choice=2)

    def crash(ballots):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(sealing, "secure_shuffle", crash)
    with pytest.raises(RuntimeError):
        ballots_mix(poll_id=poll.pk)
    assert not Ballot.objects.exists() and SealedBallot.objects.count() == 5
    monkeypatch.undo()
    assert "5 ballot(s) mixed in 1 poll(s)" in _mix_command()
    results = selectors.poll_results(poll)
    assert results["ballots"] == 5 and results["options"][2]["votes"] == 5
    assert {b.receipt for b in Ballot.objects.all()} == {r.code for r in receipts}


def test_closed_results_and_receipts_mix_what_still_waits(client, make_poll, bamako, youth):
    poll = make_poll()
    receipts = _cast(poll, bamako, 2)
    assert selectors.poll_results(poll)["ballots"] == 0  # cached while open: 2 waiting, fewer than k
    close_now(poll)
    results = selectors.poll_results(poll)  # the stale cached count is not served after closing
    assert results["ballots"] == 2 == results["turnout"]["voted"] and not SealedBallot.objects.exists()
    client.force_login(youth)
    html = client.get(f"/sondages/{poll.pk}/recus/").content.decode()
    assert all(r.display in html for r in receipts)


def test_the_receipt_check_finds_sealed_and_mixed_ballots(make_poll, bamako):
    poll = make_poll()
    receipt = _cast(poll, bamako, 1)[0]
    assert selectors.receipt_counted(poll, receipt.display.lower())
    assert not selectors.receipt_counted(poll, "AAAAA-AAAAA")
    assert not selectors.receipt_counted(make_poll(), receipt.code)  # another poll
    mix_now(poll)
    assert selectors.receipt_counted(poll, receipt.code) and not SealedBallot.objects.exists()


def test_the_receipt_digest_needs_the_ballot_key_not_the_site_key(make_poll, bamako):
    poll = make_poll()
    receipt = _cast(poll, bamako, 1)[0]
    tag = SealedBallot.objects.get().receipt_tag
    assert tag == sealing.receipt_tag(receipt.code)
    assert tag != sealing.receipt_tag(receipt.code, secret=OTHER_KEY)
    assert receipt.code not in tag


def test_sealed_ballots_open_only_with_the_key(make_poll, bamako):
    poll = make_poll(kind=Kind.MULTIPLE)
    ids = option_ids(poll)
    ballot_cast(poll=poll, user=member_of(bamako), choices=ids[:1])
    ballot_cast(poll=poll, user=member_of(bamako), choices=ids)
    rows = list(SealedBallot.objects.values_list("pk", "poll_id", "sealed"))
    assert len({len(bytes(data)) for _pk, _poll, data in rows}) == 1  # the length does not tell how many ticks
    for sealed_id, poll_id, data in rows:
        assert b'"c":[' not in bytes(data)  # no JSON in clear
        with pytest.raises(sealing.SealError):
            sealing.unseal_with(OTHER_KEY, poll_id=poll_id, sealed_id=sealed_id, data=data)
        with pytest.raises(sealing.SealError):  # moved to another poll: does not open
            sealing.unseal(poll_id=poll_id + 1, sealed_id=sealed_id, data=data)
    with override_settings(BALLOT_KEY=OTHER_KEY):
        close_now(poll)
        with pytest.raises(CommandError, match=str(poll.pk)):
            _mix_command()
    assert not Ballot.objects.exists() and SealedBallot.objects.count() == 2  # nothing lost
    assert "2 ballot(s) mixed" in _mix_command()
    assert sorted(len(c) for c in Ballot.objects.values_list("content", flat=True)) == [1, 4]


def test_rotating_the_key_reencrypts_every_sealed_ballot(make_poll, bamako):
    poll = make_poll()
    receipts = _cast(poll, bamako, 3)
    before = dict(SealedBallot.objects.values_list("pk", "sealed"))
    with override_settings(BALLOT_KEY=OTHER_KEY, BALLOT_OLD_KEYS=[]), pytest.raises(CommandError, match="Nothing"):
        call_command("rotate_ballot_key", stdout=StringIO())
    assert dict(SealedBallot.objects.values_list("pk", "sealed")) == before
    from django.conf import settings

    old_key = settings.BALLOT_KEY
    with override_settings(BALLOT_KEY=OTHER_KEY, BALLOT_OLD_KEYS=[old_key]):
        out = StringIO()
        call_command("rotate_ballot_key", "--check", stdout=out)
        assert "0 sealed ballot(s) under the current key, 3 under an old key" in out.getvalue()
        call_command("rotate_ballot_key", stdout=out)
        assert "3 sealed ballot(s) re-encrypted" in out.getvalue()
    after = dict(SealedBallot.objects.values_list("pk", "sealed"))
    assert after.keys() == before.keys() and all(bytes(after[k]) != bytes(before[k]) for k in after)
    assert {len(bytes(v)) for v in after.values()} == {len(bytes(v)) for v in before.values()}
    with override_settings(BALLOT_KEY=OTHER_KEY, BALLOT_OLD_KEYS=[]):
        out = StringIO()
        call_command("rotate_ballot_key", "--check", stdout=out)
        assert "3 sealed ballot(s) under the current key, 0 under an old key, 0 unreadable" in out.getvalue()
        assert all(selectors.receipt_counted(poll, r.code) for r in receipts)
        assert mix_now(poll) == 3
    assert {b.receipt for b in Ballot.objects.all()} == {r.code for r in receipts}


def test_generate_prints_a_new_key():
    out = StringIO()
    call_command("rotate_ballot_key", "--generate", stdout=out)
    assert re.fullmatch(r"[A-Za-z0-9_-]{64}\n", out.getvalue())


def test_a_public_poll_writes_its_ballot_at_once(make_poll, youth):
    poll = make_poll(secret=False)
    receipt = ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    assert Ballot.objects.get(poll=poll).receipt == receipt.code
    assert not SealedBallot.objects.exists() and PublicVote.objects.count() == Participation.objects.count() == 1


def test_vote_queries_stay_flat_and_the_mix_runs_after_commit(
    api_client, make_poll, bamako, django_assert_num_queries, django_capture_on_commit_callbacks, monkeypatch
):
    """Queries of one vote through the API (authenticated without a token here): 7 in the request — the poll
    with its options, sections and the voter's participation in one, the memberships, and 5 in the transaction
    (savepoint, two inserts, the last look at the window, release);
    after commit, 1 when the mix is not due, 6 for the vote that makes k. Live push switched off here."""
    monkeypatch.setattr("votes.live.poll_changed", lambda poll_id: None)
    poll = make_poll()
    url = f"/api/v1/polls/{poll.pk}/vote/"
    choice = {"choices": [option_ids(poll)[0]]}
    for cast in range(1, 6):
        api_client.force_authenticate(member_of(bamako))
        with django_assert_num_queries(7), django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert api_client.post(url, choice, format="json").status_code == 201
        # Not due: one query counts the waiting ballots. The fifth: count, savepoint, lock and read, insert,
        # delete, release.
        with django_assert_num_queries(1 if cast < 5 else 6):
            for callback in callbacks:
                callback()
    assert Ballot.objects.filter(poll=poll).count() == 5


def test_the_mix_task_logs_and_fails_when_the_key_is_wrong(make_poll, bamako, caplog):
    from votes.tasks import mix_poll_ballots

    poll = make_poll()
    _cast(poll, bamako, 5)
    with override_settings(BALLOT_KEY=OTHER_KEY):
        result = mix_poll_ballots.enqueue(poll.pk)
    assert result.status == "FAILED" and SealedBallot.objects.count() == 5
    assert any("cannot be mixed" in r.getMessage() for r in caplog.records)
    assert mix_poll_ballots.enqueue(poll.pk).return_value == 5
