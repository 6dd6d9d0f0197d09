"""votes.tally: hand-checked counts for every poll kind, validation codes, and properties under Hypothesis."""

import random
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from votes.tally import (
    MESSAGES,
    MULTIPLE,
    RANKED,
    SINGLE,
    YES_NO,
    BallotError,
    ChoiceResult,
    IrvResult,
    Round,
    count_choices,
    count_ranked,
    count_yes_no,
    validate_choices,
    validate_ranking,
)

# Poll options named for readability; ids are arbitrary distinct integers, listed in poll order.
A, B, C, D, E = 11, 22, 33, 44, 55
POUR, CONTRE, ABSTENTION = 1, 2, 3


def times(count, ballot):
    return [list(ballot) for _ in range(count)]


# Choice polls


def test_single_with_a_clear_winner():
    ballots = times(3, [A]) + times(2, [B]) + times(1, [C])
    assert count_choices([A, B, C, D], ballots) == ChoiceResult(counts={A: 3, B: 2, C: 1, D: 0}, total=6, winner=A)


def test_single_tie_at_the_top_has_no_winner():
    ballots = times(2, [A]) + times(2, [C]) + times(1, [B])
    result = count_choices([A, B, C], ballots)
    assert result.counts == {A: 2, B: 1, C: 2}
    assert result.total == 5
    assert result.winner is None


def test_no_ballot_means_zero_everywhere_and_no_winner():
    assert count_choices([A], []) == ChoiceResult(counts={A: 0}, total=0, winner=None)


def test_multiple_counts_each_choice_once_per_ballot():
    ballots = [[A, B], [B, C], [B], [C, A, D]]
    result = count_choices([A, B, C, D, E], ballots)
    assert result.counts == {A: 2, B: 3, C: 2, D: 1, E: 0}
    assert result.total == 4
    assert result.winner == B


def test_yes_no_pour_wins_over_contre_whatever_the_abstentions():
    ballots = times(5, [ABSTENTION]) + times(3, [POUR]) + times(2, [CONTRE])
    result = count_yes_no([POUR, CONTRE, ABSTENTION], ballots)
    assert result == ChoiceResult(counts={POUR: 3, CONTRE: 2, ABSTENTION: 5}, total=10, winner=POUR)


def test_yes_no_contre_can_win():
    result = count_yes_no([POUR, CONTRE, ABSTENTION], times(1, [POUR]) + times(2, [CONTRE]))
    assert result.winner == CONTRE


def test_yes_no_pour_equal_contre_has_no_winner_even_with_abstentions():
    ballots = times(2, [POUR]) + times(2, [CONTRE]) + times(1, [ABSTENTION])
    result = count_yes_no([POUR, CONTRE, ABSTENTION], ballots)
    assert result.counts == {POUR: 2, CONTRE: 2, ABSTENTION: 1}
    assert result.winner is None


def test_yes_no_only_abstentions_has_no_winner():
    assert count_yes_no([POUR, CONTRE, ABSTENTION], times(4, [ABSTENTION])).winner is None


def test_yes_no_needs_three_options():
    with pytest.raises(ValueError, match="three options"):
        count_yes_no([POUR, CONTRE], [])


def test_counting_refuses_ballots_that_skipped_validation():
    with pytest.raises(BallotError) as error:
        count_choices([A, B], [[A], [C]])
    assert error.value.code == "unknown_option"
    with pytest.raises(BallotError) as error:
        count_ranked([A, B], [[A, A]])
    assert error.value.code == "duplicate"


# Ranked polls (instant-runoff)


def test_irv_majority_in_the_first_round():
    ballots = times(3, [A, B]) + times(1, [B]) + times(1, [C, B])
    result = count_ranked([A, B, C], ballots)
    assert result == IrvResult(rounds=[Round(counts={A: 3, B: 1, C: 1}, exhausted=0, eliminated=[], winner=A)], total=5)
    assert result.winner == A


def test_irv_three_rounds_with_exhausted_ballots_growing():
    ballots = times(6, [A]) + times(3, [B, A]) + times(2, [B]) + times(4, [C, B]) + times(2, [D, C]) + times(1, [D])
    result = count_ranked([A, B, C, D], ballots)
    # 18 ballots. Round 1: no option above 9; D (3) is last.
    # Round 2: D's ballots go to C (2) or are exhausted (1): 17 active, none above 8.5; B (5) is last.
    # Round 3: [B, A] goes to A, [B] is exhausted, [C, B] stays with C: A has 9 of 15 active.
    assert result.rounds == [
        Round(counts={A: 6, B: 5, C: 4, D: 3}, exhausted=0, eliminated=[D], winner=None),
        Round(counts={A: 6, B: 5, C: 6}, exhausted=1, eliminated=[B], winner=None),
        Round(counts={A: 9, C: 6}, exhausted=3, eliminated=[], winner=A),
    ]
    assert result.total == 18
    assert result.winner == A


def test_irv_tie_for_last_is_broken_by_the_previous_round():
    ballots = times(6, [A]) + times(3, [B, A]) + times(4, [C]) + times(1, [D, B])
    result = count_ranked([A, B, C, D], ballots)
    # Round 2 ties B and C at 4; in round 1 B had 3 and C had 4, so B goes, although C is later in the poll.
    assert result.rounds == [
        Round(counts={A: 6, B: 3, C: 4, D: 1}, exhausted=0, eliminated=[D], winner=None),
        Round(counts={A: 6, B: 4, C: 4}, exhausted=0, eliminated=[B], winner=None),
        Round(counts={A: 9, C: 4}, exhausted=1, eliminated=[], winner=A),
    ]


def test_irv_tie_looks_back_round_by_round_to_the_first_preferences():
    ballots = times(10, [A]) + times(3, [B]) + times(4, [C]) + [[D, B], [D, C], [E, B]]
    result = count_ranked([A, B, C, D, E], ballots)
    # B and C tie in round 3 (5 each) and in round 2 (4 each); round 1 (first preferences) had B 3, C 4.
    assert result.rounds == [
        Round(counts={A: 10, B: 3, C: 4, D: 2, E: 1}, exhausted=0, eliminated=[E], winner=None),
        Round(counts={A: 10, B: 4, C: 4, D: 2}, exhausted=0, eliminated=[D], winner=None),
        Round(counts={A: 10, B: 5, C: 5}, exhausted=0, eliminated=[B], winner=None),
        Round(counts={A: 10, C: 5}, exhausted=5, eliminated=[], winner=A),
    ]


def test_irv_tie_in_every_round_eliminates_the_later_option_in_poll_order():
    ballots = times(2, [A]) + times(1, [B]) + times(1, [C])
    assert count_ranked([A, B, C], ballots).rounds[0].eliminated == [C]
    assert count_ranked([A, C, B], ballots).rounds[0].eliminated == [B]


def test_irv_final_two_way_tie_has_no_winner():
    ballots = times(2, [A]) + times(1, [B]) + times(1, [C, B])
    result = count_ranked([A, B, C], ballots)
    # B and C tie for last with no earlier round: C is later in the poll; then A and B tie at 2.
    assert result.rounds == [
        Round(counts={A: 2, B: 1, C: 1}, exhausted=0, eliminated=[C], winner=None),
        Round(counts={A: 2, B: 2}, exhausted=0, eliminated=[], winner=None),
    ]
    assert result.winner is None


def test_irv_two_options_tied_from_the_start():
    result = count_ranked([A, B], [[A, B], [B, A]])
    assert result.rounds == [Round(counts={A: 1, B: 1}, exhausted=0, eliminated=[], winner=None)]


def test_irv_zero_ballots_has_no_round_and_no_winner():
    result = count_ranked([A, B, C], [])
    assert result == IrvResult(rounds=[], total=0)
    assert result.winner is None


def test_irv_empty_rankings_are_exhausted_from_the_start():
    result = count_ranked([A, B], [[], []])
    assert result.rounds == [Round(counts={A: 0, B: 0}, exhausted=2, eliminated=[], winner=None)]
    assert result.total == 2


def test_irv_options_never_ranked_are_listed_and_eliminated_first_together():
    ballots = times(2, [A]) + times(2, [B]) + times(1, [C, A])
    result = count_ranked([A, B, C, D, E], ballots)
    assert result.rounds == [
        Round(counts={A: 2, B: 2, C: 1, D: 0, E: 0}, exhausted=0, eliminated=[D, E], winner=None),
        Round(counts={A: 2, B: 2, C: 1}, exhausted=0, eliminated=[C], winner=None),
        Round(counts={A: 3, B: 2}, exhausted=0, eliminated=[], winner=A),
    ]


def test_irv_single_option_wins_its_voters():
    assert count_ranked([A], [*times(2, [A]), []]).winner == A


# Validation


@pytest.mark.parametrize(
    ("kind", "choices", "code"),
    [
        (SINGLE, [], "empty"),
        (SINGLE, [A, B], "not_one"),
        (YES_NO, [POUR, CONTRE], "not_one"),
        (SINGLE, [99], "unknown_option"),
        (MULTIPLE, [A, A], "duplicate"),
        (MULTIPLE, [A, B, C, D], "too_many"),
        (MULTIPLE, [A], "too_few"),
        (MULTIPLE, [], "empty"),
        (SINGLE, ["11"], "invalid"),
        (SINGLE, [True], "invalid"),
        (SINGLE, [11.0], "invalid"),
        (SINGLE, None, "invalid"),
        (SINGLE, "11", "invalid"),
        (SINGLE, A, "invalid"),
        (MULTIPLE, {A: 1}, "invalid"),
    ],
)
def test_validate_choices_error_codes(kind, choices, code):
    options = [POUR, CONTRE, ABSTENTION] if kind == YES_NO else [A, B, C, D, E]
    with pytest.raises(BallotError) as error:
        validate_choices(kind, options, choices, min_choices=2, max_choices=3)
    assert error.value.code == code
    assert str(error.value) == error.value.message
    assert isinstance(error.value, ValueError)


def test_validate_choices_messages_say_the_bounds():
    with pytest.raises(BallotError) as error:
        validate_choices(MULTIPLE, [A, B, C], [A], min_choices=2)
    assert error.value.message == "Choose at least 2 options."
    assert error.value.params == {"min_choices": 2}
    with pytest.raises(BallotError) as error:
        validate_choices(MULTIPLE, [A, B, C], [A, B, C], max_choices=2)
    assert error.value.message == "Choose at most 2 options."
    assert MESSAGES[error.value.code].format(**error.value.params) == error.value.message


def test_validate_choices_accepts_valid_ballots():
    assert validate_choices(SINGLE, [A, B], [B]) == [B]
    assert validate_choices(YES_NO, [POUR, CONTRE, ABSTENTION], (ABSTENTION,)) == [ABSTENTION]
    assert validate_choices(MULTIPLE, [A, B, C], [C, A]) == [C, A]
    assert validate_choices(MULTIPLE, [A, B, C], [A, B, C]) == [A, B, C]
    assert validate_choices(MULTIPLE, [A, B, C], [B], min_choices=0) == [B]


def test_validate_choices_refuses_bad_poll_configuration():
    with pytest.raises(ValueError, match="validate_choices"):
        validate_choices(RANKED, [A, B], [A])
    with pytest.raises(ValueError, match="impossible bounds"):
        validate_choices(MULTIPLE, [A, B], [A], min_choices=3)
    with pytest.raises(ValueError, match="distinct"):
        validate_choices(SINGLE, [A, A], [A])


@pytest.mark.parametrize(
    ("ranking", "code"),
    [
        ([], "empty"),
        ([A, 99], "unknown_option"),
        ([A, B, A], "duplicate"),
        ([A, "22"], "invalid"),
        ([False], "invalid"),
        (None, "invalid"),
    ],
)
def test_validate_ranking_error_codes(ranking, code):
    with pytest.raises(BallotError) as error:
        validate_ranking([A, B, C], ranking)
    assert error.value.code == code


def test_validate_ranking_keeps_partial_rankings_in_order():
    assert validate_ranking([A, B, C], [C, A]) == [C, A]
    assert validate_ranking([A, B, C], (B, C, A)) == [B, C, A]


# Properties

option_sets = st.lists(st.integers(-1000, 1000), min_size=1, max_size=7, unique=True)


@st.composite
def single_polls(draw):
    options = draw(option_sets)
    return options, draw(st.lists(st.sampled_from(options).map(lambda option: [option]), max_size=40))


@st.composite
def multiple_polls(draw):
    options = draw(option_sets)
    ballot = st.lists(st.sampled_from(options), unique=True, max_size=len(options))
    return options, draw(st.lists(ballot, max_size=40))


@st.composite
def yes_no_polls(draw):
    options = draw(st.lists(st.integers(-1000, 1000), min_size=3, max_size=3, unique=True))
    return options, draw(st.lists(st.sampled_from(options).map(lambda option: [option]), max_size=40))


@st.composite
def ranked_polls(draw):
    options = draw(option_sets)
    ranking = st.permutations(options).flatmap(lambda order: st.integers(0, len(order)).map(lambda k: order[:k]))
    return options, draw(st.lists(ranking, max_size=40))


def check_choice_result(result, options, ballots):
    assert list(result.counts) == options
    assert all(count >= 0 for count in result.counts.values())
    assert result.total == len(ballots)
    best = max(result.counts.values())
    leaders = [option for option, count in result.counts.items() if count == best]
    assert result.winner == (leaders[0] if best > 0 and len(leaders) == 1 else None)


@given(single_polls())
def test_single_counts_sum_to_the_ballots(poll):
    options, ballots = poll
    result = count_choices(options, ballots)
    check_choice_result(result, options, ballots)
    assert sum(result.counts.values()) == len(ballots)


@given(multiple_polls())
def test_multiple_counts_sum_to_the_choices(poll):
    options, ballots = poll
    result = count_choices(options, ballots)
    check_choice_result(result, options, ballots)
    assert sum(result.counts.values()) == sum(len(ballot) for ballot in ballots)


@given(yes_no_polls())
def test_yes_no_counts_sum_to_the_ballots_and_abstention_never_wins(poll):
    options, ballots = poll
    pour, contre, abstention = options
    result = count_yes_no(options, ballots)
    assert list(result.counts) == options
    assert all(count >= 0 for count in result.counts.values())
    assert sum(result.counts.values()) == result.total == len(ballots)
    assert result.winner != abstention
    expected = {True: pour, False: contre}[result.counts[pour] > result.counts[contre]]
    assert result.winner == (None if result.counts[pour] == result.counts[contre] else expected)


@given(st.one_of(single_polls(), multiple_polls()), st.randoms(use_true_random=False))
def test_choice_counts_are_deterministic_and_ignore_ballot_order(poll, rng):
    options, ballots = poll
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert count_choices(options, ballots) == count_choices(options, ballots) == count_choices(options, shuffled)


@given(ranked_polls())
def test_irv_rounds_keep_every_ballot_and_shrink_to_a_majority_winner(poll):
    options, ballots = poll
    result = count_ranked(options, ballots)
    assert result.total == len(ballots)
    assert bool(result.rounds) == bool(ballots)
    continuing = list(options)
    previous_exhausted = 0
    for number, round_ in enumerate(result.rounds, start=1):
        last = number == len(result.rounds)
        assert list(round_.counts) == continuing
        assert all(count >= 0 for count in round_.counts.values())
        assert sum(round_.counts.values()) + round_.exhausted == len(ballots)
        assert round_.exhausted >= previous_exhausted
        assert bool(round_.eliminated) != last
        assert round_.winner is None or last
        assert set(round_.eliminated) <= set(continuing)
        previous_exhausted = round_.exhausted
        continuing = [option for option in continuing if option not in round_.eliminated]
    if result.winner is not None:
        final = result.rounds[-1]
        assert 2 * final.counts[result.winner] > len(ballots) - final.exhausted


@given(ranked_polls())
def test_irv_continuing_options_strictly_decrease(poll):
    options, ballots = poll
    sizes = [len(round_.counts) for round_ in count_ranked(options, ballots).rounds]
    assert all(later < earlier for earlier, later in pairwise(sizes))


@given(ranked_polls(), st.randoms(use_true_random=False))
def test_irv_is_deterministic_and_ignores_ballot_order(poll, rng):
    options, ballots = poll
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert count_ranked(options, ballots) == count_ranked(options, ballots) == count_ranked(options, shuffled)


@given(ranked_polls())
def test_irv_first_round_majority_is_the_plurality_winner(poll):
    options, ballots = poll
    first = count_ranked(options, ballots).rounds[:1]
    if first and first[0].winner is not None:
        assert count_choices(options, [ballot[:1] for ballot in ballots]).winner == first[0].winner


@given(ranked_polls())
def test_validate_ranking_accepts_every_non_empty_ranking(poll):
    options, ballots = poll
    for ballot in ballots:
        if ballot:
            assert validate_ranking(options, ballot) == list(ballot)


@given(option_sets, st.lists(st.one_of(st.text(max_size=3), st.booleans(), st.floats(), st.none()), min_size=1))
def test_validation_rejects_non_integer_values(options, junk):
    mixed = [*options[:1], *junk]
    random.Random(0).shuffle(mixed)
    for check in (lambda: validate_ranking(options, mixed), lambda: validate_choices(MULTIPLE, options, mixed)):
        with pytest.raises(BallotError) as error:
            check()
        assert error.value.code == "invalid"
