"""The secret ballot against someone who reads the database or a dump of it (PostgreSQL only).

Thirty members vote in a poll with thirty options, each a different option, so a pairing of participations
with ballots can be scored exactly. Four attacks that re-paired every voter with the old design (ballot and
participation written by one transaction) are tried: join on `xmin`, `ctid` order, plain `SELECT` order and
`pg_dump` order. A control poll written the old way (a public poll still writes its ballot in the voter's
transaction) and a mix that does not shuffle show the attacks work, so the test can fail. After a real mix
they must do no better than chance: a random pairing of 30 gets about 1 right, and 7 or more happens with
probability below 1e-4.
"""

import json
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.factories import member_of
from tests.votes.conftest import build_poll, option_ids
from votes import sealing
from votes.models import SealedBallot
from votes.services import ballot_cast

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VOTERS = 30
CHANCE_BOUND = 6  # correct pairings a random order stays at or below (P(≥ 7) < 1e-4 for 30)
OTHER_KEY = "not-the-ballot-key-but-long-enough-to-be-one-42"


def _rows(sql: str, params) -> list[tuple]:
    """Raw rows; `jsonb` comes back as text through Django's connection, so it is parsed here."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(json.loads(v) if isinstance(v, str) else v for v in row) for row in cursor.fetchall()]


def _score(pairs, truth: dict[int, list[int]]) -> int:
    """How many (member, choices) guesses are right; a member guessed twice counts as wrong."""
    guesses: dict[int, list] = {}
    for member_id, content in pairs:
        guesses.setdefault(member_id, []).append(content)
    return sum(1 for member_id, found in guesses.items() if found == [truth[member_id]])


def attack_xmin(poll_id: int) -> list[tuple]:
    return _rows(
        "SELECT p.member_id, b.content FROM votes_participation p JOIN votes_ballot b ON b.xmin = p.xmin "
        "WHERE p.poll_id = %s AND b.poll_id = %s",
        [poll_id, poll_id],
    )


def _zip_orders(participations, ballots) -> list[tuple]:
    return [(member_id, content) for (member_id,), (content,) in zip(participations, ballots, strict=False)]


def attack_ctid(poll_id: int) -> list[tuple]:
    members = _rows("SELECT member_id FROM votes_participation WHERE poll_id = %s ORDER BY ctid", [poll_id])
    ballots = _rows("SELECT content FROM votes_ballot WHERE poll_id = %s ORDER BY ctid", [poll_id])
    return _zip_orders(members, ballots)


def attack_select(poll_id: int) -> list[tuple]:
    members = _rows("SELECT member_id FROM votes_participation WHERE poll_id = %s", [poll_id])
    ballots = _rows("SELECT content FROM votes_ballot WHERE poll_id = %s", [poll_id])
    return _zip_orders(members, ballots)


def _dump() -> str:
    db = connection.settings_dict
    command = [shutil.which("pg_dump"), "--data-only", "-t", "votes_participation", "-t", "votes_ballot"]
    command += ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"], db["NAME"]]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def _copy_block(dump: str, table: str) -> tuple[list[str], list[list[str]]]:
    lines = dump.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"COPY public.{table} "))
    columns = [c.strip() for c in lines[start].split("(", 1)[1].split(")", 1)[0].split(",")]
    rows = []
    for line in lines[start + 1 :]:
        if line == "\\.":
            break
        rows.append(line.split("\t"))
    return columns, rows


def attack_dump(poll_id: int, dump: str) -> list[tuple]:
    p_cols, p_rows = _copy_block(dump, "votes_participation")
    b_cols, b_rows = _copy_block(dump, "votes_ballot")
    members = [(int(r[p_cols.index("member_id")]),) for r in p_rows if r[p_cols.index("poll_id")] == str(poll_id)]
    ballots = [(json.loads(r[b_cols.index("content")]),) for r in b_rows if r[b_cols.index("poll_id")] == str(poll_id)]
    return _zip_orders(members, ballots)


def _all_attacks(poll_id: int, truth) -> dict[str, int]:
    dump = _dump()
    return {
        "xmin": _score(attack_xmin(poll_id), truth),
        "ctid": _score(attack_ctid(poll_id), truth),
        "select": _score(attack_select(poll_id), truth),
        "pg_dump": _score(attack_dump(poll_id, dump), truth),
    }


def _vote_all(poll, members) -> dict[int, list[int]]:
    """Each member chooses a different option; returns the truth the attacks are scored against."""
    ids = option_ids(poll)
    truth = {}
    for member, option_id in zip(members, ids, strict=True):
        ballot_cast(poll=poll, user=member, choices=[option_id])
        truth[member.pk] = [option_id]
    return truth


@pytest.fixture
def voters(bamako):
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    return [member_of(bamako) for _ in range(VOTERS)]


def _poll(association, **fields):
    return build_poll(association, labels=[f"Filière {i}" for i in range(VOTERS)], **fields)


@override_settings(BALLOT_MIX_SIZE=1000)  # no mix during the votes: one mix of all thirty afterwards
def test_after_the_mix_no_attack_pairs_voters_with_ballots(association, voters):
    secret = _poll(association, title="Secret")
    truth = _vote_all(secret, voters)

    # Before the mix: a participation is tied to its sealed row by xmin, but the row cannot be read.
    linked = _rows(
        "SELECT count(*) FROM votes_participation p JOIN votes_sealedballot s ON s.xmin = p.xmin WHERE p.poll_id = %s",
        [secret.pk],
    )
    assert linked == [(VOTERS,)]
    sealed = list(SealedBallot.objects.filter(poll=secret).values_list("pk", "poll_id", "sealed"))
    assert len({len(bytes(data)) for _pk, _poll_id, data in sealed}) == 1
    for sealed_id, poll_id, data in sealed:
        assert b'"c":' not in bytes(data)
        with pytest.raises(sealing.SealError):
            sealing.unseal_with(OTHER_KEY, poll_id=poll_id, sealed_id=sealed_id, data=data)
    assert all(score == 0 for score in _all_attacks(secret.pk, truth).values())  # no ballot row yet

    with override_settings(BALLOT_MIX_SIZE=5):
        call_command("mix_ballots")
    assert not SealedBallot.objects.filter(poll=secret).exists()
    after = _all_attacks(secret.pk, truth)
    print(f"\npairings recovered after the mix, out of {VOTERS}: {after}")
    assert after["xmin"] == 0
    assert max(after.values()) <= CHANCE_BOUND, after


@override_settings(BALLOT_MIX_SIZE=1000)
def test_the_same_attacks_pair_every_voter_without_sealing_or_shuffling(association, voters, monkeypatch):
    """The controls: the attacks do find the pairs when ballots are written the old way or not shuffled."""
    written_with_the_vote = _poll(association, title="Public", secret=False)
    truth = _vote_all(written_with_the_vote, voters)
    old_way = _all_attacks(written_with_the_vote.pk, truth)
    print(f"\npairings recovered, ballot written in the voter's transaction: {old_way}")
    assert old_way == dict.fromkeys(old_way, VOTERS)

    unshuffled = _poll(association, title="Not shuffled")
    truth = _vote_all(unshuffled, voters)
    monkeypatch.setattr(sealing, "secure_shuffle", lambda items: None)
    with override_settings(BALLOT_MIX_SIZE=5):
        call_command("mix_ballots")
    orders = _all_attacks(unshuffled.pk, truth)
    print(f"pairings recovered, mixed without shuffling: {orders}")
    assert orders["xmin"] == 0  # the mix's own transaction already cuts the xmin link
    assert orders["ctid"] == orders["select"] == orders["pg_dump"] == VOTERS


def test_chance_bound_is_sound():
    """P(a random permutation of 30 has ≥ 7 fixed points) is below 1e-4 (rencontres numbers, exact)."""
    from math import comb, factorial

    def derangements(n):
        d = [1, 0]
        for k in range(2, n + 1):
            d.append((k - 1) * (d[-1] + d[-2]))
        return d[n]

    tail = sum(comb(VOTERS, k) * derangements(VOTERS - k) for k in range(CHANCE_BOUND + 1, VOTERS + 1))
    assert tail / factorial(VOTERS) < 1e-4
