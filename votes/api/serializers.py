"""Explicit input and output shapes of the votes API: nothing is written that is not listed here."""

from rest_framework import serializers

from associations.models import Role
from votes.models import Kind, Topic, Visibility


class OptionOut(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    position = serializers.IntegerField()


class PollOut(serializers.Serializer):
    id = serializers.IntegerField()
    association = serializers.IntegerField(source="association_id")
    sections = serializers.SerializerMethodField()
    title = serializers.CharField()
    question = serializers.CharField()
    description = serializers.CharField()
    topic = serializers.CharField()
    kind = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    published = serializers.BooleanField()
    state = serializers.CharField()
    accepts_proposals = serializers.BooleanField()
    eligible_roles = serializers.ListField(child=serializers.CharField())
    min_age = serializers.IntegerField(allow_null=True)
    max_age = serializers.IntegerField(allow_null=True)
    secret = serializers.BooleanField()
    results_visibility = serializers.CharField()
    results_after_voting = serializers.BooleanField()
    quorum_percent = serializers.IntegerField()
    min_choices = serializers.IntegerField()
    max_choices = serializers.IntegerField(allow_null=True)
    options = OptionOut(many=True)
    eligible = serializers.SerializerMethodField()
    has_voted = serializers.SerializerMethodField()
    outcome = serializers.CharField()
    outcome_recorded_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(source="get_absolute_url")

    def get_sections(self, poll) -> list[int]:
        return sorted(section.pk for section in poll.sections.all())

    def get_eligible(self, poll) -> bool:
        from votes.rules import is_eligible

        return is_eligible(self.context["request"].user, poll)

    def get_has_voted(self, poll) -> bool:
        return poll.pk in self.context["voted"]


class PollIn(serializers.Serializer):
    association = serializers.IntegerField(required=False, help_text="Defaults to the caller's association.")
    sections = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=50)
    title = serializers.CharField(max_length=150)
    question = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    topic = serializers.ChoiceField(choices=Topic.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    options = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=30, help_text="Option labels in order."
    )
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    accepts_proposals = serializers.BooleanField(required=False)
    eligible_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False, min_length=1, max_length=3
    )
    min_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    max_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    secret = serializers.BooleanField(required=False, default=True)
    results_visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    results_after_voting = serializers.BooleanField(
        required=False, help_text="Live results: a member who may vote sees them once they have voted (default)."
    )
    quorum_percent = serializers.IntegerField(required=False, min_value=0, max_value=100)
    min_choices = serializers.IntegerField(required=False, min_value=1, max_value=30)
    max_choices = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=30)


class PollPatchIn(PollIn):
    """Every field optional; `published` is for staff; `secret` can only be repeated, never changed."""

    title = serializers.CharField(max_length=150, required=False)
    question = serializers.CharField(max_length=300, required=False)
    opens_at = serializers.DateTimeField(required=False)
    closes_at = serializers.DateTimeField(required=False)
    secret = serializers.BooleanField(required=False)
    published = serializers.BooleanField(required=False)
    association = None


class VoteIn(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(), required=False, max_length=100, help_text="single, multiple, yes_no"
    )
    ranking = serializers.ListField(
        child=serializers.IntegerField(), required=False, max_length=100, help_text="ranked: most preferred first"
    )


class ReceiptOut(serializers.Serializer):
    receipt = serializers.CharField()


class TurnoutOut(serializers.Serializer):
    voted = serializers.IntegerField()
    eligible = serializers.IntegerField()


class OptionVotesOut(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    votes = serializers.IntegerField()


class RoundCountOut(serializers.Serializer):
    id = serializers.IntegerField()
    votes = serializers.IntegerField()


class RoundOut(serializers.Serializer):
    number = serializers.IntegerField()
    counts = RoundCountOut(many=True)
    exhausted = serializers.IntegerField()
    eliminated = serializers.ListField(child=serializers.IntegerField())
    winner = serializers.IntegerField(allow_null=True)


class ResultsOut(serializers.Serializer):
    """Results of a closed poll: the winner is final."""

    turnout = TurnoutOut()
    options = OptionVotesOut(many=True)
    rounds = RoundOut(many=True)
    winner = serializers.IntegerField(allow_null=True)
    quorum_reached = serializers.BooleanField()


class LiveRoundOut(serializers.Serializer):
    number = serializers.IntegerField()
    counts = RoundCountOut(many=True)
    exhausted = serializers.IntegerField()
    eliminated = serializers.ListField(child=serializers.IntegerField())
    leading = serializers.IntegerField(allow_null=True, source="winner")


class LiveResultsOut(serializers.Serializer):
    """Results of a poll still open: one ballot later another option may lead, so nothing here is called a
    winner (the page says "en tête" for the same reason)."""

    turnout = TurnoutOut()
    options = OptionVotesOut(many=True)
    rounds = LiveRoundOut(many=True)
    leading = serializers.IntegerField(allow_null=True, source="winner")
    quorum_reached = serializers.BooleanField()


class ReceiptsOut(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    receipts = serializers.ListField(child=serializers.CharField())
    counted = serializers.BooleanField(required=False, help_text="With ?code=: whether that receipt is counted.")


class OutcomeIn(serializers.Serializer):
    outcome = serializers.CharField(max_length=5000)


class ProposalIn(serializers.Serializer):
    text = serializers.CharField(max_length=200)


class ProposalOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField(source="author.public_name")
    status = serializers.CharField()
    option = serializers.IntegerField(source="option_id", allow_null=True)
