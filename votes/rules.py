"""Who may see, create, publish, vote in and read the results of a poll. The one place this is decided.

HTML views, the API and the websocket consumer all call these (or `user.has_perm("votes.…", poll)`).
Membership facts come from `associations.predicates` (one query per user object).
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from associations.predicates import (
    active_staff_membership,
    is_active_leader_or_staff,
    is_active_member,
    is_active_staff,
    is_platform_admin,
)
from associations.selectors import membership_in
from votes.models import Participation, Poll, State, Visibility

# With fewer ballots than this, the results of a secret poll could reveal who voted what: shown after closing.
MIN_BALLOTS_FOR_LIVE_RESULTS = 5


def poll_section_ids(poll: Poll) -> set[int]:
    """Section ids in scope (empty: all), read once per poll object (prefetched by selectors)."""
    cached = getattr(poll, "_section_ids", None)
    if cached is None:
        cached = {section.pk for section in poll.sections.all()}
        poll._section_ids = cached
    return cached


# Every predicate answers False without a poll: Wagtail and Django ask model-level questions too.


@rules.predicate
def is_poll_staff(user, poll: Poll | None) -> bool:
    """Staff of the association (any section of a poll for all sections; a section in scope otherwise)."""
    if poll is None:
        return False
    if is_platform_admin(user):
        return True
    own = active_staff_membership(user, poll)
    sections = poll_section_ids(poll) if own is not None else set()
    return own is not None and (not sections or own.section_id in sections)


@rules.predicate
def can_view(user, poll: Poll | None) -> bool:
    if poll is None:
        return False
    if is_platform_admin(user) or is_active_staff(user, poll):
        return True
    own = membership_in(user, poll.association_id)
    if own is None:
        return False
    if not poll.published:
        return poll.created_by_id == user.pk
    sections = poll_section_ids(poll)
    return not sections or own.section_id in sections


def ineligibility(user, poll: Poll) -> str | None:
    """Why `user` may not vote in `poll` (a translatable message), or None when they may."""
    if not getattr(user, "is_authenticated", False):
        return _("Log in to vote.")
    own = membership_in(user, poll.association_id)
    if own is None or not is_active_member(user, poll):
        return _("Only active members of the association may vote.")
    if own.role not in poll.eligible_roles:
        return _("This poll is not open to your role.")
    sections = poll_section_ids(poll)
    if sections and own.section_id not in sections:
        return _("This poll is for other sections.")
    if poll.min_age is not None or poll.max_age is not None:
        age = user.age_on(poll.opens_at.date())
        if age is None:
            return _("This poll has an age limit and your birth year is not known.")
        if (poll.min_age is not None and age < poll.min_age) or (poll.max_age is not None and age > poll.max_age):
            return _("This poll is for members of another age.")
    return None


@rules.predicate
def is_eligible(user, poll: Poll | None) -> bool:
    return poll is not None and ineligibility(user, poll) is None


def can_create_in(user, association_id: int) -> bool:
    """Leaders and staff draft polls in their association."""
    return is_platform_admin(user) or is_active_leader_or_staff(user, association_id)


@rules.predicate
def can_change(user, poll: Poll | None) -> bool:
    """Staff change any poll of theirs; a leader changes their own draft until it is published."""
    if poll is None:
        return False
    if is_poll_staff(user, poll):
        return True
    return (
        not poll.published
        and poll.created_by_id == getattr(user, "pk", None)
        and can_create_in(user, poll.association_id)
    )


def results_visible(user, poll: Poll, ballots: int, *, now=None, voted: bool | None = None) -> bool:
    """Results follow `results_visibility`; a secret poll with few ballots shows them only after closing;
    with `results_after_voting`, a member who may still vote sees live results once they have voted.

    `voted`: whether `user` has voted, when the caller already knows (read here otherwise)."""
    return results_hidden_reason(user, poll, ballots, now=now, voted=voted) is None


def results_hidden_reason(user, poll: Poll, ballots: int, *, now=None, voted: bool | None = None) -> str | None:
    """Why `user` does not see the results now (a true, translatable sentence), or None when they do."""
    state = poll.state_at(now) if now is not None else poll.state
    if state not in {State.OPEN, State.CLOSED} or not can_view(user, poll):
        return _("Results will be shown after the poll closes.")
    staff = is_poll_staff(user, poll)
    if poll.results_visibility == Visibility.STAFF and not staff:
        return _("Results are shown to staff only; the decision will be published here.")
    if state == State.CLOSED:
        return None
    if poll.results_visibility == Visibility.AFTER_CLOSE and not staff:
        return _("Results will be shown after the poll closes.")
    if poll.secret and ballots < MIN_BALLOTS_FOR_LIVE_RESULTS:
        return _(
            "Results appear here once %(count)s ballots are counted. Ballots are counted in groups, to keep "
            "the vote secret, so the figures move in steps."
        ) % {"count": MIN_BALLOTS_FOR_LIVE_RESULTS}
    if not staff and poll.results_after_voting and is_eligible(user, poll):
        if voted is None:
            voted = Participation.objects.filter(poll=poll, member=user).exists()
        if not voted:
            return _("Vote first: you will then see the results so far.")
    return None


def live_results_public(poll: Poll, ballots: int) -> bool:
    """Whether results may be pushed to every viewer of an open poll: live visibility, enough ballots, and
    not held back until each member has voted (the socket does not know who voted)."""
    return (
        poll.results_visibility == Visibility.LIVE
        and not poll.results_after_voting
        and (not poll.secret or ballots >= MIN_BALLOTS_FOR_LIVE_RESULTS)
    )


@rules.predicate
def can_propose(user, poll: Poll | None) -> bool:
    return poll is not None and poll.in_proposal_phase and can_view(user, poll) and is_active_member(user, poll)


rules.add_perm("votes.view_poll", can_view)
rules.add_perm("votes.change_poll", can_change)
rules.add_perm("votes.publish_poll", is_poll_staff)
rules.add_perm("votes.record_outcome", is_poll_staff)
rules.add_perm("votes.export_results", is_poll_staff)
rules.add_perm("votes.accept_proposal", is_poll_staff)
rules.add_perm("votes.vote", is_eligible)
rules.add_perm("votes.propose_option", can_propose)
