"""Casting votes, eligibility, visibility, outcome, proposals: through the services."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from associations.models import Membership, MembershipStatus, Notification, Role
from config.errors import Conflict, DomainError, Forbidden
from moderation.content import ModerationStatus
from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes import rules, selectors
from votes.models import Ballot, Kind, Participation, PublicVote, SealedBallot, Visibility
from votes.services import (
    ballot_cast,
    outcome_record,
    poll_create,
    poll_publish,
    poll_update,
    proposal_accept,
    proposal_create,
)
from votes.services.mixing import ballots_mix

pytestmark = pytest.mark.django_db


def test_cast_writes_one_participation_and_one_sealed_ballot_then_the_mix_writes_the_ballot(make_poll, youth):
    poll = make_poll()
    first = option_ids(poll)[0]
    receipt = ballot_cast(poll=poll, user=youth, choices=[first])
    assert Participation.objects.filter(poll=poll, member=youth).count() == 1
    sealed = SealedBallot.objects.get(poll=poll)
    assert b"[%d]" % first not in bytes(sealed.sealed) and receipt.code not in sealed.receipt_tag
    assert not Ballot.objects.exists()  # one ballot waiting is fewer than k: not mixed yet
    assert mix_now(poll) == 1
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.content == [first]
    assert ballot.receipt == receipt.code and ballot.pk != sealed.pk
    assert not SealedBallot.objects.exists()
    assert len(receipt.display) == 11 and receipt.display[5] == "-"
    assert not PublicVote.objects.exists()


def test_second_vote_is_a_conflict_and_changes_nothing(make_poll, youth):
    poll = make_poll()
    first, second, *_ = option_ids(poll)
    ballot_cast(poll=poll, user=youth, choices=[first])
    with pytest.raises(Conflict):
        ballot_cast(poll=poll, user=youth, choices=[second])
    assert SealedBallot.objects.filter(poll=poll).count() == 1
    mix_now(poll)
    assert Ballot.objects.get(poll=poll).content == [first]


@pytest.mark.parametrize("state", ["draft", "scheduled", "closed"])
def test_vote_refused_unless_open(make_poll, youth, state):
    poll = make_poll(state=state)
    with pytest.raises(Conflict):
        ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    assert not SealedBallot.objects.exists() and not Ballot.objects.exists() and not Participation.objects.exists()


def test_vote_in_flight_when_poll_closes_is_refused(make_poll, youth, monkeypatch):
    """The window is read again just before commit: a request that started while open is refused."""
    from votes.services import ballots

    poll = make_poll()
    original = ballots._write

    def slow_write(poll_, user, content):
        written = original(poll_, user, content)
        close_now(poll)  # the poll closes while this vote is in flight
        return written

    monkeypatch.setattr(ballots, "_write", slow_write)
    with pytest.raises(Conflict):
        ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    assert not SealedBallot.objects.exists() and not Ballot.objects.exists() and not Participation.objects.exists()


@pytest.mark.parametrize(
    ("kind", "payload", "code"),
    [
        (Kind.SINGLE, {"choices": []}, "ballot_empty"),
        (Kind.SINGLE, {"choices": "a"}, "ballot_invalid"),
        (Kind.SINGLE, {"choices": [0, 1]}, "ballot_unknown_option"),
        (Kind.RANKED, {"ranking": [99999]}, "ballot_unknown_option"),
        (Kind.MULTIPLE, {"choices": "all"}, "ballot_invalid"),
    ],
)
def test_invalid_ballots_are_refused_with_a_message(make_poll, youth, kind, payload, code):
    poll = make_poll(kind=kind)
    with pytest.raises(DomainError) as error:
        ballot_cast(poll=poll, user=youth, **payload)
    assert error.value.status == 400 and error.value.code == code and error.value.message
    assert not SealedBallot.objects.exists() and not Participation.objects.exists()


def test_multiple_choice_ballots_are_stored_sorted(make_poll, youth):
    poll = make_poll(kind=Kind.MULTIPLE)
    ids = option_ids(poll)
    ballot_cast(poll=poll, user=youth, choices=[ids[2], ids[0]])
    mix_now(poll)
    assert Ballot.objects.get().content == [ids[0], ids[2]]


def test_multiple_choice_bounds(make_poll, youth, other_youth):
    poll = make_poll(kind=Kind.MULTIPLE, min_choices=2, max_choices=3)
    ids = option_ids(poll)
    with pytest.raises(DomainError, match="2"):
        ballot_cast(poll=poll, user=youth, choices=ids[:1])
    with pytest.raises(DomainError, match="3"):
        ballot_cast(poll=poll, user=youth, choices=ids)
    ballot_cast(poll=poll, user=other_youth, choices=ids[:3])
    assert SealedBallot.objects.count() == 1


def test_eligibility_by_role(make_poll, youth, leader, staff):
    poll = make_poll(eligible_roles=["youth"])
    ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    for user in (leader, staff):
        with pytest.raises(Forbidden):
            ballot_cast(poll=poll, user=user, choices=[option_ids(poll)[0]])


def test_eligibility_by_section(make_poll, kita, youth, kita_youth):
    poll = make_poll(sections=[kita])
    with pytest.raises(Forbidden):
        ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    ballot_cast(poll=poll, user=kita_youth, choices=[option_ids(poll)[0]])


def test_eligibility_by_age_at_opening(make_poll, bamako):
    poll = make_poll(min_age=16, max_age=20)
    year = poll.opens_at.year
    too_young = member_of(bamako, birth_year=year - 15)
    too_old = member_of(bamako, birth_year=year - 21)
    unknown = member_of(bamako, birth_year=None)
    fits = [member_of(bamako, birth_year=year - 16), member_of(bamako, birth_year=year - 20)]
    for user in (too_young, too_old, unknown):
        with pytest.raises(Forbidden):
            ballot_cast(poll=poll, user=user, choices=[option_ids(poll)[0]])
    for user in fits:
        ballot_cast(poll=poll, user=user, choices=[option_ids(poll)[0]])
    assert set(selectors.eligible_members(poll)) == set(fits)


def test_suspended_and_outsiders_refused(make_poll, youth, member, foreign_staff):
    poll = make_poll()
    Membership.objects.filter(user=youth).update(
        status=MembershipStatus.SUSPENDED, suspended_until=timezone.now() + datetime.timedelta(days=3)
    )
    youth._ton_memberships = None
    for user in (youth, member, foreign_staff):
        with pytest.raises(Forbidden):
            ballot_cast(poll=poll, user=user, choices=[option_ids(poll)[0]])
    assert youth not in selectors.eligible_members(poll)


def test_public_poll_records_who_chose_what(make_poll, youth):
    poll = make_poll(secret=False)
    first = option_ids(poll)[0]
    ballot_cast(poll=poll, user=youth, choices=[first])
    assert selectors.public_votes(poll) == [{"member": "Awa K.", "choices": ["Couture"]}]


def test_secret_is_fixed_at_creation(association, staff):
    poll = poll_create(
        user=staff,
        association=association,
        title="T",
        question="Q",
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=2),
        options=["A", "B"],
    )
    assert poll.secret
    with pytest.raises(DomainError):
        poll_update(poll=poll, user=staff, secret=False)
    poll.refresh_from_db()
    assert poll.secret


def test_yes_no_poll_gets_three_options(association, leader):
    poll = poll_create(
        user=leader,
        association=association,
        title="T",
        question="Q",
        kind=Kind.YES_NO,
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert [option.label for option in poll.options.all()] == ["Pour", "Contre", "Abstention"]


def test_youth_cannot_create_and_leader_cannot_publish(association, youth, leader, staff):
    fields = {
        "title": "T",
        "question": "Q",
        "opens_at": timezone.now() + datetime.timedelta(days=1),
        "closes_at": timezone.now() + datetime.timedelta(days=2),
        "options": ["A", "B"],
    }
    with pytest.raises(Forbidden):
        poll_create(user=youth, association=association, **fields)
    poll = poll_create(user=leader, association=association, **fields)
    with pytest.raises(Forbidden):
        poll_publish(poll=poll, user=leader)
    poll_publish(poll=poll, user=staff)
    assert poll.published


def test_open_poll_keeps_its_rules(make_poll, staff):
    poll = make_poll()
    with pytest.raises(Conflict):
        poll_update(poll=poll, user=staff, closes_at=poll.closes_at + datetime.timedelta(days=1))
    poll_update(poll=poll, user=staff, description="Plus de détails")
    poll.refresh_from_db()
    assert poll.description == "Plus de détails"


def _cast_n(poll, section, n):
    for _ in range(n):
        ballot_cast(poll=poll, user=member_of(section), choices=[option_ids(poll)[0]])


@pytest.mark.parametrize(
    ("visibility", "state", "youth_sees", "staff_sees"),
    [
        (Visibility.LIVE, "open", True, True),
        (Visibility.AFTER_CLOSE, "open", False, True),
        (Visibility.AFTER_CLOSE, "closed", True, True),
        (Visibility.STAFF, "open", False, True),
        (Visibility.STAFF, "closed", False, True),
    ],
)
def test_results_visibility(make_poll, bamako, youth, staff, kita_staff, visibility, state, youth_sees, staff_sees):
    # The visibility setting alone; holding live results back until a member has voted is tested below.
    poll = make_poll(results_visibility=visibility, results_after_voting=False)
    _cast_n(poll, bamako, 5)
    if state == "closed":
        close_now(poll)
    assert rules.results_visible(youth, poll, 5) is youth_sees
    assert rules.results_visible(staff, poll, 5) is staff_sees
    assert rules.results_visible(kita_staff, poll, 5) is staff_sees  # poll for every section


def test_few_ballots_of_a_secret_poll_stay_hidden_until_closing(make_poll, bamako, youth, staff):
    poll = make_poll(results_visibility=Visibility.LIVE)
    _cast_n(poll, bamako, 4)
    assert not rules.results_visible(youth, poll, 4)
    assert not rules.results_visible(staff, poll, 4)
    close_now(poll)
    assert rules.results_visible(youth, poll, 4)
    public = make_poll(results_visibility=Visibility.LIVE, secret=False, results_after_voting=False)
    assert rules.results_visible(youth, public, 1)


def test_results_count_every_ballot(make_poll, bamako):
    poll = make_poll(kind=Kind.RANKED)
    a, b, c, d = option_ids(poll)
    rankings = [[a, b], [a], [b, c], [c, b], [d, c, b]]
    for ranking in rankings:
        ballot_cast(poll=poll, user=member_of(bamako), ranking=ranking)
    assert ballots_mix(poll_id=poll.pk) == 5  # k = 5 are waiting: due while the poll is open
    results = selectors.poll_results(poll)
    assert results["ballots"] == 5 == results["turnout"]["voted"]
    assert [o["votes"] for o in results["options"]] == [2, 1, 1, 1]
    # Round 1: a 2, b 1, c 1, d 1 -> d goes (tie for fewest: the later option); round 2: a 2, b 1, c 2 -> b
    # goes; round 3: a 2, c 3 -> c wins.
    assert [r["eliminated"] for r in results["rounds"]] == [[d], [b], []]
    assert results["winner"] == c


def test_results_move_in_steps_of_k_and_turnout_with_each_vote(make_poll, bamako, django_capture_on_commit_callbacks):
    """The after-commit hook clears the cache and queues the mix (run at once by the immediate backend)."""
    poll = make_poll()
    second = option_ids(poll)[1]
    assert selectors.poll_results(poll)["ballots"] == 0
    for cast in range(1, 5):
        with django_capture_on_commit_callbacks(execute=True):
            ballot_cast(poll=poll, user=member_of(bamako), choices=[second])
        results = selectors.poll_results(poll)
        assert results["turnout"]["voted"] == cast and results["ballots"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        ballot_cast(poll=poll, user=member_of(bamako), choices=[second])
    results = selectors.poll_results(poll)
    assert results["ballots"] == 5 and results["options"][1]["votes"] == 5
    assert not SealedBallot.objects.exists()


def test_a_cache_or_channel_failure_after_commit_never_fails_the_vote(
    make_poll, youth, other_youth, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "delete", down)
    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr("votes.tasks.mix_poll_ballots", SimpleNamespace(enqueue=down))

    async def layer_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("config.realtime.get_channel_layer", lambda: SimpleNamespace(group_send=layer_down))
    monkeypatch.setattr("config.realtime._state", {"down": False})
    poll = make_poll()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    assert receipt.code and Participation.objects.filter(poll=poll).count() == 1
    assert SealedBallot.objects.filter(poll=poll).count() == 1
    failures = [r for r in caplog.records if "after a vote" in r.getMessage()]
    assert len(failures) == 2  # the mix, the cache: one line each
    with django_capture_on_commit_callbacks(execute=True):
        ballot_cast(poll=poll, user=other_youth, choices=[option_ids(poll)[0]])
    assert Participation.objects.filter(poll=poll).count() == 2
    # The live update goes through config.realtime: the outage is logged once, not once per vote.
    outage = [r for r in caplog.records if "channel layer unreachable" in r.getMessage()]
    assert len(outage) == 1


def test_outcome_by_staff_notifies_members(
    make_poll, youth, other_youth, staff, leader, django_capture_on_commit_callbacks
):
    poll = make_poll()
    with pytest.raises(Conflict):
        outcome_record(poll=poll, user=staff, outcome="Trop tôt")
    close_now(poll)
    with pytest.raises(Forbidden):
        outcome_record(poll=poll, user=leader, outcome="Nous ferons…")
    with django_capture_on_commit_callbacks(execute=True):  # members are told from the task queue
        outcome_record(poll=poll, user=staff, outcome="Nous ouvrons une formation en informatique.")
    assert set(Notification.objects.filter(kind="votes.outcome").values_list("recipient", flat=True)) == {
        youth.pk,
        other_youth.pk,
        leader.pk,
    }


def test_proposals_during_the_proposal_phase(make_poll, youth, staff, association):
    association.premoderate_youth = True
    association.save()
    poll = make_poll(state="scheduled", accepts_proposals=True)
    proposal = proposal_create(poll=poll, user=youth, text="Menuiserie")
    assert proposal.status == ModerationStatus.PENDING
    with pytest.raises(Forbidden):
        proposal_accept(proposal=proposal, user=youth)
    option = proposal_accept(proposal=proposal, user=staff)
    assert option.label == "Menuiserie" and option.poll == poll
    twin = proposal_create(poll=poll, user=youth, text="menuiserie ")
    with pytest.raises(Conflict):
        proposal_accept(proposal=twin, user=staff)
    taken_down = proposal_create(poll=poll, user=youth, text="Soudure")
    taken_down.status = ModerationStatus.REJECTED
    taken_down.save()
    with pytest.raises(Conflict):
        proposal_accept(proposal=taken_down, user=staff)
    labels = [label.lower() for label in poll.options.values_list("label", flat=True)]
    assert labels.count("menuiserie") == 1 and "soudure" not in labels
    open_poll = make_poll(accepts_proposals=True)
    with pytest.raises(Conflict):
        proposal_create(poll=open_poll, user=youth, text="Trop tard")


def test_ballot_tables_have_no_user_and_no_time():
    """Schema check: nothing in the ballot tables can link a ballot to a voter or a moment."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, Ballot._meta.db_table)
        relations = connection.introspection.get_relations(cursor, Ballot._meta.db_table)
        sealed_columns = connection.introspection.get_table_description(cursor, SealedBallot._meta.db_table)
        sealed_relations = connection.introspection.get_relations(cursor, SealedBallot._meta.db_table)
    names = {column.name for column in columns}
    assert names == {"id", "poll_id", "content", "receipt"}
    assert {table for _column, table in relations.values()} == {"votes_poll"}
    assert {column.name for column in sealed_columns} == {"id", "poll_id", "sealed", "receipt_tag"}
    assert {table for _column, table in sealed_relations.values()} == {"votes_poll"}
    assert Ballot._meta.pk.get_internal_type() == SealedBallot._meta.pk.get_internal_type() == "UUIDField"
    participation = {field.name for field in Participation._meta.get_fields()}
    assert participation == {"id", "poll", "member"}
    assert Participation._meta.pk.get_internal_type() == "UUIDField"  # no sequence giving the casting order


def test_ballot_ids_are_not_in_casting_order(make_poll, bamako):
    poll = make_poll()
    codes = [ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[0]]).code for _ in range(30)]
    sealed_ids = list(SealedBallot.objects.filter(poll=poll).values_list("pk", flat=True))
    assert mix_now(poll) == 30
    by_receipt = dict(Ballot.objects.filter(poll=poll).values_list("receipt", "pk"))
    ids = [by_receipt[code] for code in codes]  # in casting order
    assert sorted(ids) != ids and sorted(ids, reverse=True) != ids
    assert len(set(codes)) == 30 and not set(ids) & set(sealed_ids)


def test_roles_fixture_sanity(youth):
    assert Membership.objects.get(user=youth).role == Role.YOUTH
