"""The ballot as a member fills it in on the poll page (no JavaScript): read from the posted form, sent
back with every choice kept when it is refused, carried through the review step before it is cast."""

from __future__ import annotations

from django.utils.translation import gettext as _

from config.errors import DomainError
from votes.models import Kind, Poll

# The steps of the ballot form, named by the button the member pressed.
REVIEW = "review"  # "Check my vote": show the ballot back before casting
EDIT = "edit"  # "Change": the filled ballot again
CONFIRM = "confirm"  # "Confirm": cast (also what a post without a step means, as before the review step)
STEPS = {REVIEW, EDIT, CONFIRM}


def _as_int(value: str):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value  # left as text: the tally refuses it with a clear message


class BallotForm:
    """One poll's ballot from `data` (a QueryDict, or None for an empty ballot)."""

    def __init__(self, poll: Poll, data=None):
        self.poll = poll
        self.data = data
        self.options = list(poll.options.all())

    @property
    def step(self) -> str:
        step = self.data.get("step", CONFIRM) if self.data is not None else REVIEW
        return step if step in STEPS else CONFIRM

    def ballot(self) -> dict:
        """choices / ranking as the services take them; DomainError (400) for a rank given twice."""
        data = self.data
        if data is None:
            return {"choices": []}
        if self.poll.kind != Kind.RANKED:
            return {"choices": [_as_int(value) for value in data.getlist("choices")]}
        ranks = []
        for option in self.options:
            rank = data.get(f"rank-{option.pk}", "")
            if rank:
                ranks.append((_as_int(rank), option.pk))
        if any(not isinstance(rank, int) for rank, _option in ranks):
            raise DomainError(_("A rank must be a number."), code="ballot_invalid")
        if len({rank for rank, _option in ranks}) != len(ranks):
            raise DomainError(_("Give each rank to one option only."), code="ballot_duplicate_rank")
        return {"ranking": [option_id for _rank, option_id in sorted(ranks)]}

    def rows(self) -> list[dict]:
        """Each option with what the member chose for it, so a refused or edited ballot comes back filled."""
        data = self.data
        chosen = set(data.getlist("choices")) if data is not None else set()
        rows = []
        for option in self.options:
            rank = data.get(f"rank-{option.pk}", "") if data is not None else ""
            rows.append({"option": option, "checked": str(option.pk) in chosen, "rank": _as_int(rank)})
        return rows

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The ballot's own fields, carried unchanged through the review page."""
        if self.data is None:
            return []
        if self.poll.kind != Kind.RANKED:
            return [("choices", value) for value in self.data.getlist("choices")]
        return [
            (f"rank-{option.pk}", self.data.get(f"rank-{option.pk}"))
            for option in self.options
            if self.data.get(f"rank-{option.pk}")
        ]

    def labels(self, content: list[int]) -> list[str]:
        """The chosen options' labels, in the ballot's order (preference order for a ranked poll)."""
        by_id = {option.pk: option.label for option in self.options}
        return [by_id[option_id] for option_id in content]
