"""Reads of polls, turnout and results, in a fixed number of queries whatever the number of ballots.

Results are counted by `votes.tally` from every mixed ballot of a poll and cached per poll; a vote and a mix
delete the cached entry after they commit. Nothing here selects a subset of ballots. Turnout counts
participations, so it moves with each vote; results move only when a mix adds at least k ballots. Before the
final results or receipts of a closed secret poll are read, what still waits is mixed (`ballots_settle`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from associations.models import Membership, Role, User
from associations.predicates import staff_sections
from associations.selectors import audience_members, membership_in, user_memberships
from config.errors import NotFound
from votes import tally
from votes.models import Ballot, Kind, Option, Participation, Poll, Proposal, SealedBallot, State

RESULTS_TTL = 24 * 3600
ELIGIBLE_TTL = 300


def results_key(poll_id: int) -> str:
    return f"votes:results:{poll_id}"


def eligible_key(poll_id: int) -> str:
    return f"votes:eligible:{poll_id}"


def base_queryset() -> QuerySet[Poll]:
    return Poll.objects.select_related("association").prefetch_related(
        "sections", Prefetch("options", queryset=Option.objects.order_by("position", "pk"))
    )


def polls_visible_to(viewer) -> QuerySet[Poll]:
    """Polls the viewer may open: the same rule as `votes.rules.can_view`, as one filter."""
    base = base_queryset()
    if not getattr(viewer, "is_authenticated", False):
        return base.none()
    if viewer.is_superuser:
        return base
    through = Poll.sections.through
    staffed = staff_sections(viewer)
    condition = Q(pk__in=[])
    for association_id, membership in user_memberships(viewer).items():
        if association_id in staffed:
            condition |= Q(association_id=association_id)
            continue
        in_scope = ~Exists(through.objects.filter(poll_id=OuterRef("pk"))) | Exists(
            through.objects.filter(poll_id=OuterRef("pk"), section_id=membership.section_id)
        )
        condition |= Q(association_id=association_id) & (
            (Q(published=True) & in_scope) | Q(published=False, created_by=viewer)
        )
    return base.filter(condition)


@dataclass
class PollLists:
    open: list[Poll] = field(default_factory=list)
    upcoming: list[Poll] = field(default_factory=list)
    closed: list[Poll] = field(default_factory=list)
    drafts: list[Poll] = field(default_factory=list)


def poll_lists(viewer, *, closed_limit: int = 20) -> PollLists:
    """Open, upcoming, recently closed and draft polls the viewer may see (three queries); open polls carry
    `vote_status` ("to_vote", "voted" or "") for the viewer."""
    now = timezone.now()
    visible = polls_visible_to(viewer).prefetch_related(None).prefetch_related("sections")
    lists = PollLists()
    current = with_viewer_voted(visible.filter(Q(closes_at__gt=now) | Q(published=False)), viewer)
    for poll in current.order_by("closes_at", "pk")[:100]:
        {State.OPEN: lists.open, State.SCHEDULED: lists.upcoming, State.DRAFT: lists.drafts}[poll.state_at(now)].append(
            poll
        )
    mark_vote_status(viewer, lists.open, now=now)
    lists.closed = list(visible.filter(published=True, closes_at__lte=now).order_by("-closes_at", "-pk")[:closed_limit])
    return lists


def open_polls_for_home(viewer, limit: int = 3) -> list[Poll]:
    """The open polls that close first, those still waiting for the viewer's vote before the others."""
    now = timezone.now()
    polls = list(
        with_viewer_voted(
            polls_visible_to(viewer)
            .prefetch_related(None)
            .prefetch_related("sections")
            .filter(published=True, opens_at__lte=now, closes_at__gt=now),
            viewer,
        ).order_by("viewer_voted", "closes_at", "pk")[:limit]
    )
    return mark_vote_status(viewer, polls, now=now)


def with_viewer_voted(polls: QuerySet[Poll], viewer) -> QuerySet[Poll]:
    """Annotate `viewer_voted` (a subquery: no query per poll)."""
    if not getattr(viewer, "is_authenticated", False):
        return polls.annotate(viewer_voted=Value(False, output_field=BooleanField()))
    return polls.annotate(viewer_voted=Exists(Participation.objects.filter(poll=OuterRef("pk"), member=viewer)))


def mark_vote_status(viewer, polls: list[Poll], *, now) -> list[Poll]:
    """Set `vote_status` on open polls annotated by `with_viewer_voted`: "voted", "to_vote" (the viewer may
    still vote) or "" (not open, or not for the viewer). Eligibility reads memberships already loaded."""
    from votes.rules import is_eligible

    for poll in polls:
        if poll.state_at(now) != State.OPEN:
            poll.vote_status = ""
        elif getattr(poll, "viewer_voted", False):
            poll.vote_status = "voted"
        else:
            poll.vote_status = "to_vote" if is_eligible(viewer, poll) else ""
    return polls


def poll_for_viewer(viewer, poll_id: int, *, to_vote: bool = False) -> Poll:
    """The poll with its options and sections if the viewer may see it; NotFound otherwise (a poll the
    viewer may not see is not confirmed to exist). Page, API and socket all read a poll through here.

    `to_vote`: a member of the association also gets its published polls, so that voting tells them why
    they may not (403 with the reason from `ballot_cast`) instead of a bare 404.

    One query (`votes.poll_query`), which also tells whether the viewer has voted (`has_voted` reads it)."""
    from votes.poll_query import poll_in_one_query

    poll = poll_in_one_query(poll_id, viewer)
    if poll is None:
        raise NotFound()
    if viewer.has_perm("votes.view_poll", poll):
        return poll
    if to_vote and poll.published and membership_in(viewer, poll.association_id) is not None:
        return poll
    raise NotFound()


def poll_detail(poll_id: int) -> Poll:
    """A poll just written by the caller, read again with what the output needs (no visibility check)."""
    return base_queryset().get(pk=poll_id)


def has_voted(user, poll: Poll) -> bool:
    """Whether `user` has voted in `poll` (read with the poll by `poll_for_viewer` when it was the viewer)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(poll, "viewer_voted_by", None) == user.pk:
        return poll.viewer_voted
    return Participation.objects.filter(poll=poll, member=user).exists()


def eligible_members(poll: Poll) -> QuerySet[User]:
    """Users who may vote in the poll now: the same rule as `votes.rules.ineligibility`, as one filter."""
    if not poll.eligible_roles:
        return User.objects.none()  # no role may vote: nobody (an empty list is not "every role" here)
    return audience_members(
        poll.association_id,
        roles=poll.eligible_roles,
        sections=[section.pk for section in poll.sections.all()],
        year=poll.opens_at.year,
        min_age=poll.min_age,
        max_age=poll.max_age,
    )


def poll_staff(poll: Poll) -> QuerySet[User]:
    """Staff who may publish the poll and record its outcome: the same rule as `votes.rules.is_poll_staff`."""
    memberships = Membership.objects.effective().filter(association_id=poll.association_id, role=Role.STAFF)
    sections = [section.pk for section in poll.sections.all()]
    if sections:
        memberships = memberships.filter(section_id__in=sections)
    return User.objects.filter(pk__in=memberships.values("user_id"), erased_at__isnull=True)


def eligible_count(poll: Poll) -> int:
    count = cache.get(eligible_key(poll.pk))
    if count is None:
        count = eligible_members(poll).count()
        cache.set(eligible_key(poll.pk), count, ELIGIBLE_TTL)
    return count


def turnout(poll: Poll) -> dict:
    return {"voted": Participation.objects.filter(poll=poll).count(), "eligible": eligible_count(poll)}


def poll_results(poll: Poll) -> dict:
    """Counts of every option, IRV rounds for ranked polls, winner, turnout and quorum (cached per poll).

    Option labels are not cached (an accepted proposal may add one before opening; labels come from `poll`).
    """
    counted = cache.get(results_key(poll.pk))
    if counted is None or _unmixed_after_closing(poll, counted):
        counted = _count(poll)
        if _unmixed_after_closing(poll, counted):
            # Sealed ballots still wait after closing: mix them before showing final figures.
            from votes.services.mixing import ballots_settle

            ballots_settle(poll=poll)
            counted = _count(poll)
        if not _unmixed_after_closing(poll, counted):
            cache.set(results_key(poll.pk), counted, RESULTS_TTL)  # never cache incomplete final results
    labels = {option.pk: option.label for option in poll.options.all()}
    eligible = eligible_count(poll)
    voted = counted["participations"]
    result = {
        "turnout": {"voted": voted, "eligible": eligible},
        "ballots": counted["ballots"],
        "options": [
            {"id": option_id, "label": labels.get(option_id, ""), "votes": votes}
            for option_id, votes in counted["counts"]
        ],
        "rounds": counted["rounds"],
        "winner": counted["winner"],
        "winner_label": labels.get(counted["winner"], ""),
        "quorum_reached": voted * 100 >= poll.quorum_percent * eligible,
    }
    top = max((votes for _id, votes in counted["counts"]), default=0)
    for option in result["options"]:
        option["percent"] = round(100 * option["votes"] / counted["ballots"]) if counted["ballots"] else 0
        option["width"] = round(100 * option["votes"] / top) if top else 0
    return result


def _unmixed_after_closing(poll: Poll, counted: dict) -> bool:
    """Counts of a closed secret poll that miss ballots still sealed (fewer ballots than participations)."""
    return poll.secret and counted["ballots"] < counted["participations"] and poll.is_closed


def _count(poll: Poll) -> dict:
    option_ids = [option.pk for option in poll.options.all()]
    contents = list(Ballot.objects.filter(poll=poll).values_list("content", flat=True))
    participations = Participation.objects.filter(poll=poll).count()
    rounds: list[dict] = []
    if poll.kind == Kind.RANKED:
        irv = tally.count_ranked(option_ids, contents)
        winner = irv.winner
        first = irv.rounds[0].counts if irv.rounds else dict.fromkeys(option_ids, 0)
        counts = [(option_id, first.get(option_id, 0)) for option_id in option_ids]
        for number, round_ in enumerate(irv.rounds, start=1):
            rounds.append(
                {
                    "number": number,
                    "counts": [{"id": option_id, "votes": votes} for option_id, votes in round_.counts.items()],
                    "exhausted": round_.exhausted,
                    "eliminated": list(round_.eliminated),
                    "winner": round_.winner,
                }
            )
    else:
        counter = tally.count_yes_no if poll.kind == Kind.YES_NO and len(option_ids) == 3 else tally.count_choices
        result = counter(option_ids, contents)
        winner = result.winner
        counts = list(result.counts.items())
    return {
        "counts": counts,
        "rounds": rounds,
        "winner": winner,
        "ballots": len(contents),
        "participations": participations,
    }


def round_table(poll: Poll, results: dict) -> list[dict]:
    """IRV rounds as rows per option (label, votes per round or None once eliminated) for the HTML table."""
    rows = []
    for option in results["options"]:
        cells = []
        for round_ in results["rounds"]:
            votes = next((c["votes"] for c in round_["counts"] if c["id"] == option["id"]), None)
            cells.append({"votes": votes, "eliminated": option["id"] in round_["eliminated"]})
        rows.append({"label": option["label"], "cells": cells, "winner": option["id"] == results["winner"]})
    return rows


RECEIPTS_PER_PAGE = 200


@dataclass
class ReceiptsPage:
    """One page of receipt codes (as printed on receipts) for the page and the API."""

    codes: list[str]
    total: int
    page: int
    per_page: int

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total


def receipt_listing(poll: Poll, *, page) -> ReceiptsPage:
    """The receipts page asked for by `?page=` (any text: a bad or missing number reads as page 1)."""
    from votes.services.receipts import display

    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    codes, total = receipts_page(poll, page=number, per_page=RECEIPTS_PER_PAGE)
    return ReceiptsPage([display(code) for code in codes], total, number, RECEIPTS_PER_PAGE)


def receipts_page(poll: Poll, *, page: int, per_page: int = RECEIPTS_PER_PAGE) -> tuple[list[str], int]:
    """One page of receipt codes (sorted by code, never by casting order) and the number of ballots."""
    if SealedBallot.objects.filter(poll=poll).exists():
        from votes.services.mixing import ballots_settle

        ballots_settle(poll=poll)
    ballots = Ballot.objects.filter(poll=poll).order_by("receipt")
    total = ballots.count()
    last_page = max((total - 1) // per_page + 1, 1)  # a huge ?page= must not reach the database as an offset
    start = (min(max(page, 1), last_page) - 1) * per_page
    return list(ballots.values_list("receipt", flat=True)[start : start + per_page]), total


def receipt_counted(poll: Poll, code: str) -> bool:
    """Whether the receipt is among the poll's ballots, mixed or still sealed (matched by its keyed digest,
    which only the ballot key can compute: the database alone does not tie a code to a sealed row)."""
    from votes.sealing import receipt_tags
    from votes.services.receipts import normalise

    code = normalise(code)
    if Ballot.objects.filter(poll=poll, receipt=code).exists():
        return True
    return SealedBallot.objects.filter(poll=poll, receipt_tag__in=receipt_tags(code)).exists()


def public_votes(poll: Poll) -> list[dict]:
    """Who chose what, for public-ballot polls only (empty for secret polls)."""
    if poll.secret:
        return []
    labels = {option.pk: option.label for option in poll.options.all()}
    votes = poll.public_votes.select_related("member").order_by("member__display_name", "member__username")
    return [
        {"member": vote.member.public_name, "choices": [labels.get(option_id, "?") for option_id in vote.content]}
        for vote in votes
    ]


def proposals_visible_to(viewer, poll: Poll) -> QuerySet[Proposal]:
    from moderation.content import visible_q

    staff_ids = list(staff_sections(viewer)) if getattr(viewer, "is_authenticated", False) else []
    return (
        Proposal.objects.filter(poll=poll)
        .filter(visible_q(viewer, staff_association_ids=staff_ids))
        .select_related("author")
    )
