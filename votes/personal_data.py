"""What the votes app keeps about a member, for their export: proposals, and the polls they voted in.

Never how they voted: a secret ballot is not linked to its voter. A public-ballot poll shows its choices to
everyone on the poll's page; the export still only says that the member voted.
"""

from django.utils.translation import gettext_lazy as _

from votes.models import Participation, Proposal


def export_proposals(user) -> list[dict]:
    proposals = Proposal.objects.filter(author=user).select_related("poll").order_by("created_at", "pk")
    return [
        {
            "text": proposal.text,
            "poll": proposal.poll.title,
            "status": proposal.status,
            "accepted": proposal.option_id is not None,
            "created_at": proposal.created_at.isoformat(),
        }
        for proposal in proposals
    ]


def export_participations(user) -> list[dict]:
    participations = Participation.objects.filter(member=user).select_related("poll").order_by("poll__opens_at")
    return [{"poll": p.poll.title, "question": p.poll.question, "voted": True} for p in participations]


def keep(user) -> None:
    """Proposals and participations stay after an erasure: turnout and the options of a poll must not change."""


def register() -> None:
    from associations.personal_data import Provider
    from associations.personal_data import register as add

    add(Provider(key="proposals", export=export_proposals, erase=keep))
    add(Provider(key="poll_participations", export=export_participations, erase=keep))
    from associations.participation import Counter
    from associations.participation import register as count

    # How many polls, never how: a participation holds no choice (the ballot is sealed apart from it).
    count(
        Counter(
            "polls_voted", _("polls voted in"), lambda user_id: Participation.objects.filter(member_id=user_id).count()
        )
    )
