"""Polls on the association's decisions, and the secret ballot.

How a secret vote is stored
    Casting writes, in one transaction, a `Participation` (who voted, unique per poll) and a `SealedBallot`:
    the ballot encrypted (AES-GCM, `votes.sealing`) under a key derived from the `BALLOT_KEY` setting, which
    is never in the database. A *mix* (`votes.services.mixing`, run after each vote as a background task and
    by the periodic `mix_ballots` command) takes every sealed ballot of a poll once at least
    `BALLOT_MIX_SIZE` (k, 5 by default) are waiting, and at closing whatever is waiting; it opens them,
    inserts the `Ballot` rows in a random order in one transaction and deletes the sealed rows. Results and
    receipts come from `Ballot` rows; turnout comes from `Participation` rows. A public-ballot poll (chosen at
    creation, never changed) skips the sealing: it writes its `Ballot` at once and a `PublicVote` that says
    who chose what.

What the secret holds against
    - Someone reading the database or a backup of it (any role that can SELECT, or a `pg_dump` file):
      PostgreSQL records which rows one transaction wrote (`xmin`) and keeps rows in the order they were
      written (`ctid`, plain `SELECT`, dump order). A participation and its sealed ballot share a
      transaction, which is acceptable only because the sealed ballot cannot be read without the key and is
      deleted at the mix. Mixed `Ballot` rows are all written by the mix's transaction, in random order,
      so `xmin`, physical order and dump order say nothing about who voted what. Ids are random UUIDs
      (participations, sealed ballots and ballots alike, and a ballot's id is not its sealed row's id), so
      id order says nothing either.
    - Someone watching live turnout and results: turnout moves with each vote, results only when a mix
      adds at least k ballots, so seeing a friend's vote arrive does not show their choice.

What it does not hold against
    - Someone holding both the database (or a backup taken before a mix) and the ballot key: they can open
      the sealed ballots not yet mixed and pair them with participations.
    - Knowing which mix a ballot went through: a reader who sees in which order members voted can tell
      which batch of (at least k) ballots holds a given member's ballot. If everyone in a batch chose the
      same option, that choice is known — as it would be from the results of so small a group. A larger k
      widens each batch; a k above the number of voters mixes everything at closing only.
    - The server while it runs (memory, the vote request itself) and the moments of voting (a queued mix
      task records when it was queued, not by whom).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from moderation.content import ModeratedContent
from moderation.registry import register as register_moderated
from votes import tally


class Topic(models.TextChoices):
    TRAINING = "training", _("training sectors")
    INTERNSHIPS = "internships", _("internships")
    PROJECTS = "projects", _("association projects")
    BUDGET = "budget", _("budget")
    OTHER = "other", _("other")


class Kind(models.TextChoices):
    SINGLE = tally.SINGLE, _("single choice")
    MULTIPLE = tally.MULTIPLE, _("multiple choice")
    RANKED = tally.RANKED, _("ranked choice")
    YES_NO = tally.YES_NO, _("yes / no / abstain")


class Visibility(models.TextChoices):
    LIVE = "live", _("live, while the poll is open")
    AFTER_CLOSE = "after_close", _("after closing")
    STAFF = "staff", _("staff only")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SCHEDULED = "scheduled", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


def default_roles() -> list[str]:
    return ["youth", "leader"]


class Poll(models.Model):
    """A question put to the members of an association, open between two instants.

    The state (draft, scheduled, open, closed) is derived from `published` and the clock each time it is
    read: nothing flips it, so a poll closes at `closes_at` exactly, whatever runs or does not run.
    """

    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="polls")
    sections = models.ManyToManyField(
        "associations.Section",
        verbose_name=_("sections in scope"),
        blank=True,
        related_name="polls",
        help_text=_("Empty: every section of the association."),
    )
    title = models.CharField(_("title"), max_length=150)
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    topic = models.CharField(pgettext_lazy("poll", "topic"), max_length=12, choices=Topic.choices, default=Topic.OTHER)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    published = models.BooleanField(_("published"), default=False)
    accepts_proposals = models.BooleanField(_("members may propose options before opening"), default=False)
    eligible_roles = models.JSONField(_("roles who may vote"), default=default_roles)
    min_age = models.PositiveSmallIntegerField(_("minimum age at opening"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age at opening"), null=True, blank=True)
    # Secret or public ballot is chosen at creation and never changed (services refuse the change).
    secret = models.BooleanField(_("secret ballot"), default=True)
    results_visibility = models.CharField(
        _("results visible"), max_length=12, choices=Visibility.choices, default=Visibility.AFTER_CLOSE
    )
    # Like Loomio's "hide results until you vote": a member who may still vote sees live results only once
    # they have voted, so the count so far does not sway their choice. Staff and members who cannot vote
    # are not concerned; after closing everyone sees the results (following `results_visibility`).
    results_after_voting = models.BooleanField(
        _("members see live results only after voting"),
        default=True,
        help_text=_("With live results: a member who may vote sees them once they have voted."),
    )
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (% of eligible members)"), default=0)
    min_choices = models.PositiveSmallIntegerField(_("minimum choices"), default=1)
    max_choices = models.PositiveSmallIntegerField(_("maximum choices"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    outcome = models.TextField(_("what we decided and what happens next"), blank=True, max_length=5000)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded on"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When each notice went out (votes.services.notices): claimed by a conditional update, so each is sent
    # once however often, or however concurrently, the periodic command runs.
    opening_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    results_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["association", "published", "closes_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="poll_closes_after")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/sondages/{self.pk}/"

    def state_at(self, now) -> str:
        if not self.published:
            return State.DRAFT
        if now < self.opens_at:
            return State.SCHEDULED
        if now < self.closes_at:
            return State.OPEN
        return State.CLOSED

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == State.CLOSED

    @property
    def in_proposal_phase(self) -> bool:
        return self.accepts_proposals and self.kind != Kind.YES_NO and self.state == State.SCHEDULED

    def get_state_display(self) -> str:
        return str(State(self.state).label)


class Option(models.Model):
    """One answer of a poll, in display order (for yes/no: pour, contre, abstention)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Participation(models.Model):
    """That a member has voted in a poll — and nothing about how. One per member and poll, by constraint.

    No timestamp and no sequential id on purpose: either would give the casting order of members, which
    could be matched with the order ballots were written.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="participation_once_per_poll")]

    def __str__(self) -> str:
        return f"participation {self.pk}"


def new_ballot_id() -> uuid.UUID:
    return uuid.uuid4()


class SealedBallot(models.Model):
    """A secret ballot between casting and the mix: encrypted, unreadable without the ballot key.

    Holds only the poll id (the mix needs it), a random id, the ciphertext (which also holds the future
    `Ballot` id, so a ballot is never mixed twice) and a keyed digest of the receipt code (so a receipt can
    be checked before the mix). No timestamp, no user, nothing sequential. The row shares its `xmin` with the
    participation written beside it: acceptable only because its content is encrypted and the row is deleted
    at the mix (see the module docstring).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="sealed_ballots")
    sealed = models.BinaryField(_("sealed choices"))
    receipt_tag = models.CharField(_("receipt digest"), max_length=32)

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self) -> str:
        return f"sealed ballot {self.pk}"


class Ballot(models.Model):
    """What one voter chose: option ids (for ranked polls, most preferred first).

    Random primary key, no user, no timestamp, nothing sequential. A secret poll's ballots are written by a
    mix, several at once in a random order, long after the participation: they cannot be put back in casting
    order nor matched with participations (see the module docstring for the limits).
    """

    id = models.UUIDField(primary_key=True, default=new_ballot_id, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    content = models.JSONField(_("choices"))
    # Derived from the id (HMAC), stored so a voter can look their code up in one query.
    receipt = models.CharField(_("receipt"), max_length=16, db_index=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return f"ballot {self.receipt}"


class PublicVote(models.Model):
    """Who chose what, in a public-ballot poll only (`poll.secret` is False)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="public_votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(_("choices"))

    class Meta:
        verbose_name = _("public vote")
        verbose_name_plural = _("public votes")
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="public_vote_once_per_poll")]

    def __str__(self) -> str:
        return f"public vote {self.pk}"


@register_moderated(visible_to="votes.view_poll", through="poll")
class Proposal(ModeratedContent):
    """An option proposed by a member before the poll opens; staff may accept it into the poll."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="proposals")
    text = models.CharField(_("proposal"), max_length=200)
    option = models.OneToOneField(
        Option, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal", verbose_name=_("option")
    )

    class Meta:
        verbose_name = _("option proposal")
        verbose_name_plural = _("option proposals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.poll.get_absolute_url()}#proposal-{self.pk}"
