"""Explicit input and output shapes of the moderation API."""

from rest_framework import serializers

from moderation.approvals import ACTIONS as APPROVAL_ACTIONS
from moderation.models import ReportReason
from moderation.services.decisions import ACTIONS


class ReportInput(serializers.Serializer):
    content_type = serializers.CharField(max_length=100, help_text='"app_label.model", e.g. "cms.comment".')
    object_id = serializers.IntegerField(min_value=1)
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReportOutput(serializers.Serializer):
    item = serializers.CharField(help_text='Item id, "app_label.model:pk".')
    reason = serializers.CharField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class DecisionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(ACTIONS))
    reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default="", help_text="Required to reject."
    )


class BulkApproveInput(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=80), min_length=1, max_length=100, help_text='Item ids, "app.model:pk".'
    )


class BulkApproveOutput(serializers.Serializer):
    approved = serializers.IntegerField()


class AuthorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReasonCountOutput(serializers.Serializer):
    reason = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class QueueItemOutput(serializers.Serializer):
    id = serializers.CharField(help_text='"app_label.model:pk", e.g. "cms.comment:12"; used in decision URLs.')
    content_type = serializers.CharField()
    object_id = serializers.IntegerField()
    status = serializers.CharField()
    flags = serializers.ListField(child=serializers.CharField())
    text = serializers.CharField()
    context = serializers.CharField()
    url = serializers.CharField()
    author = AuthorOutput(allow_null=True)
    section = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    awaiting_decision = serializers.BooleanField()
    urgent = serializers.BooleanField(help_text="A child-protection concern (safeguarding leads only).")
    reports = serializers.IntegerField(help_text="Open reports the viewer may see.")
    reasons = ReasonCountOutput(many=True)
    moderation_reason = serializers.CharField()
    keep = serializers.BooleanField(
        help_text="Reported after publication, not held for review: approving keeps it (the page says Keep)."
    )


class ApprovalActionOutput(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    comment = serializers.BooleanField(help_text="A comment to the author is required.")


class ApprovalPhotoOutput(serializers.Serializer):
    src = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    caption = serializers.CharField()
    shows_people = serializers.BooleanField()
    consent_recorded = serializers.BooleanField()


class ApprovalOutput(serializers.Serializer):
    id = serializers.CharField(help_text='"app_label.model:pk", e.g. "cms.activitypage:12"; used in decision URLs.')
    kind = serializers.CharField(help_text='"activity" or "poll".')
    title = serializers.CharField()
    text = serializers.CharField()
    author = AuthorOutput(allow_null=True)
    section = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField(allow_null=True)
    actions = ApprovalActionOutput(many=True)
    url = serializers.CharField()
    admin_url = serializers.CharField()
    flags = serializers.ListField(child=serializers.CharField())
    photos = ApprovalPhotoOutput(many=True)


class ApprovalGroupOutput(serializers.Serializer):
    label = serializers.CharField()
    heading = serializers.CharField()
    count = serializers.IntegerField(help_text="All items of this kind awaiting the viewer (items: the first 20).")
    items = ApprovalOutput(many=True)


class ApprovalDecisionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(APPROVAL_ACTIONS))
    comment = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="Required for changes and reject."
    )


class ApprovalDecisionOutput(serializers.Serializer):
    id = serializers.CharField()
    action = serializers.CharField()
    message = serializers.CharField()
