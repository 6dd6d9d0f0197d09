"""Pure vote counting for polls: no ORM, no database, no Django import.

Callers pass option ids (in the poll's display order) and ballots (sequences of option ids); every function
here is deterministic and independent of the order in which ballots are given.

Choice polls (``single``, ``multiple``, ``yes_no``)
    :func:`count_choices` counts, for every option (zero included), the ballots choosing it. The winner is
    the option with the most votes; a tie at the top, or no vote at all, gives no winner (``None``).
    :func:`count_yes_no` takes the options as ``(pour, contre, abstention)``: abstentions are counted but
    never win; the winner is pour or contre, whichever has more votes, and ``None`` when they are equal.

Ranked polls (``ranked``): instant-runoff voting, :func:`count_ranked`
    A ballot ranks some or all options, most preferred first. Each round counts every ballot for its
    highest-ranked continuing option; a ballot with no continuing option left is *exhausted*. An option
    with a strict majority (more than half) of the non-exhausted ballots wins. Otherwise options are
    eliminated and a new round starts:

    1. Options with zero votes in the round (for instance options nobody ranked) are all eliminated
       together, in that one round.
    2. Otherwise the single option with the fewest votes is eliminated. Ties for fewest are broken by
       looking back at the previous rounds, from the most recent to the first (whose counts are the first
       preferences): only the tied options with the fewest votes in that round stay candidates, until one
       is left. If they are tied in every round, the option that comes *later in the poll's option order*
       is eliminated.

    The count stops without a winner (``None``) when the last two continuing options are tied, or when no
    ballot ranks any continuing option. With zero ballots there is no round and no winner.

Validation (:func:`validate_choices`, :func:`validate_ranking`)
    The API calls these before storing a ballot. They raise :class:`BallotError`, whose ``code`` is one of
    :data:`MESSAGES`' keys and whose ``message`` is plain English; callers translate ``MESSAGES[code]`` and
    format it with ``error.params``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

SINGLE = "single"
MULTIPLE = "multiple"
YES_NO = "yes_no"
RANKED = "ranked"
CHOICE_KINDS = frozenset({SINGLE, MULTIPLE, YES_NO})
KINDS = frozenset({*CHOICE_KINDS, RANKED})

MESSAGES: dict[str, str] = {
    "invalid": "A ballot must be a list of option ids (whole numbers).",
    "empty": "Choose at least one option.",
    "unknown_option": "This choice is not an option of the poll.",
    "duplicate": "Each option can be chosen only once.",
    "too_many": "Choose at most {max_choices} options.",
    "too_few": "Choose at least {min_choices} options.",
    "not_one": "Choose exactly one option.",
}


class BallotError(ValueError):
    """A ballot the poll cannot accept; ``code`` says why, ``message`` says it in English."""

    def __init__(self, code: str, **params: int) -> None:
        self.code = code
        self.params = params
        self.message = MESSAGES[code].format(**params)
        super().__init__(self.message)


@dataclass(frozen=True)
class ChoiceResult:
    """Counts of a choice poll: votes per option (poll order), number of ballots, winner or ``None``."""

    counts: dict[int, int]
    total: int
    winner: int | None


@dataclass(frozen=True)
class Round:
    """One instant-runoff round.

    ``counts`` has the votes of the options continuing in this round (poll order), ``exhausted`` the
    ballots with no continuing option, ``eliminated`` the options removed after this round, and
    ``winner`` the option with a strict majority (only ever set on the last round).
    """

    counts: dict[int, int]
    exhausted: int
    eliminated: list[int]
    winner: int | None


@dataclass(frozen=True)
class IrvResult:
    """Every round of an instant-runoff count and the number of ballots."""

    rounds: list[Round]
    total: int

    @property
    def winner(self) -> int | None:
        """The winner of the last round, or ``None`` (no ballot, final tie, every ballot exhausted)."""
        return self.rounds[-1].winner if self.rounds else None


def _is_id(value: Any) -> bool:
    # bool is a subclass of int but never an option id.
    return type(value) is int


def _check_options(option_ids: Sequence[int]) -> list[int]:
    """The poll's options as a list; a programming error (ValueError) if not distinct integers."""
    options = list(option_ids)
    if not all(_is_id(option) for option in options):
        raise ValueError("option ids must be integers")
    if len(set(options)) != len(options):
        raise ValueError("option ids must be distinct")
    return options


def _clean(ballot: Any, known: frozenset[int] | set[int]) -> list[int]:
    """The ballot as a list of known, distinct option ids, in its order; may be empty."""
    if not isinstance(ballot, list | tuple) or not all(_is_id(value) for value in ballot):
        raise BallotError("invalid")
    if any(value not in known for value in ballot):
        raise BallotError("unknown_option")
    if len(set(ballot)) != len(ballot):
        raise BallotError("duplicate")
    return list(ballot)


def validate_choices(
    kind: str,
    option_ids: Sequence[int],
    choices: Any,
    min_choices: int = 1,
    max_choices: int | None = None,
) -> list[int]:
    """Return the choices of a ``single``, ``multiple`` or ``yes_no`` ballot, or raise :class:`BallotError`.

    ``single`` and ``yes_no`` ballots hold exactly one option. ``multiple`` ballots hold between
    ``min_choices`` and ``max_choices`` (default: every option) distinct options; a ballot is never empty,
    whatever ``min_choices`` says. A bad poll configuration raises a plain ``ValueError``.
    """
    if kind not in CHOICE_KINDS:
        raise ValueError(f"validate_choices does not handle the {kind!r} kind")
    options = _check_options(option_ids)
    cleaned = _clean(choices, set(options))
    if not cleaned:
        raise BallotError("empty")
    if kind != MULTIPLE:
        if len(cleaned) != 1:
            raise BallotError("not_one")
        return cleaned
    upper = len(options) if max_choices is None else max_choices
    if upper < 1 or min_choices > upper:
        raise ValueError(f"impossible bounds: {min_choices} to {upper} choices")
    if len(cleaned) < min_choices:
        raise BallotError("too_few", min_choices=min_choices)
    if len(cleaned) > upper:
        raise BallotError("too_many", max_choices=upper)
    return cleaned


def validate_ranking(option_ids: Sequence[int], ranking: Any) -> list[int]:
    """Return a ``ranked`` ballot (most preferred first), or raise :class:`BallotError`.

    The ranking must be non-empty, of known and distinct options; ranking only some options is allowed.
    """
    cleaned = _clean(ranking, set(_check_options(option_ids)))
    if not cleaned:
        raise BallotError("empty")
    return cleaned


def _top(counts: dict[int, int]) -> int | None:
    """The option with strictly the most votes, or ``None`` on a tie at the top or without votes."""
    best = max(counts.values(), default=0)
    leaders = [option for option, count in counts.items() if count == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None


def count_choices(option_ids: Sequence[int], ballots: Iterable[Sequence[int]]) -> ChoiceResult:
    """Count a ``single`` or ``multiple`` poll: each ballot gives one vote to each option it holds.

    Ballots should have been validated; unknown, repeated or non-integer ids raise :class:`BallotError`.
    An empty ballot counts in ``total`` only.
    """
    options = _check_options(option_ids)
    known = set(options)
    counts = dict.fromkeys(options, 0)
    total = 0
    for ballot in ballots:
        for option in _clean(ballot, known):
            counts[option] += 1
        total += 1
    return ChoiceResult(counts=counts, total=total, winner=_top(counts))


def count_yes_no(option_ids: Sequence[int], ballots: Iterable[Sequence[int]]) -> ChoiceResult:
    """Count a ``yes_no`` poll whose options are ``(pour, contre, abstention)``, in that order.

    Abstentions are counted but never win: the winner is pour or contre, ``None`` when they are equal.
    """
    if len(option_ids) != 3:
        raise ValueError("a yes/no poll has exactly three options: pour, contre, abstention")
    result = count_choices(option_ids, ballots)
    pour, contre, _abstention = option_ids
    winner = _top({pour: result.counts[pour], contre: result.counts[contre]})
    return ChoiceResult(counts=result.counts, total=result.total, winner=winner)


def _round_counts(continuing: list[int], ballots: list[list[int]]) -> tuple[dict[int, int], int]:
    """Votes of each continuing option (its order) and the number of exhausted ballots."""
    counts = dict.fromkeys(continuing, 0)
    exhausted = 0
    for ballot in ballots:
        choice = next((option for option in ballot if option in counts), None)
        if choice is None:
            exhausted += 1
        else:
            counts[choice] += 1
    return counts, exhausted


def _to_eliminate(counts: dict[int, int], history: list[dict[int, int]]) -> list[int]:
    """The options to eliminate after a round without winner (rule in the module docstring)."""
    zeros = [option for option, count in counts.items() if count == 0]
    if zeros:
        return zeros
    fewest = min(counts.values())
    candidates = [option for option, count in counts.items() if count == fewest]
    for previous in reversed(history):
        if len(candidates) == 1:
            break
        low = min(previous[option] for option in candidates)
        candidates = [option for option in candidates if previous[option] == low]
    # Candidates keep the poll order: the later option goes.
    return [candidates[-1]]


def count_ranked(option_ids: Sequence[int], ballots: Iterable[Sequence[int]]) -> IrvResult:
    """Count a ``ranked`` poll by instant-runoff voting (rules in the module docstring).

    Ballots should have been validated; unknown, repeated or non-integer ids raise :class:`BallotError`.
    An empty ranking counts in ``total`` and is exhausted from the first round.
    """
    continuing = _check_options(option_ids)
    known = set(continuing)
    cleaned = [_clean(ballot, known) for ballot in ballots]
    total = len(cleaned)
    rounds: list[Round] = []
    history: list[dict[int, int]] = []
    while total and continuing:
        counts, exhausted = _round_counts(continuing, cleaned)
        active = total - exhausted
        winner = next((option for option, count in counts.items() if 2 * count > active), None)
        if winner is not None or active == 0 or len(continuing) <= 2:
            # No majority with two options left means they are tied: the count stops without winner.
            rounds.append(Round(counts=counts, exhausted=exhausted, eliminated=[], winner=winner))
            break
        eliminated = _to_eliminate(counts, history)
        rounds.append(Round(counts=counts, exhausted=exhausted, eliminated=eliminated, winner=None))
        history.append(counts)
        continuing = [option for option in continuing if option not in eliminated]
    return IrvResult(rounds=rounds, total=total)
