"""Explicit input and output shapes of the activities API (no model serializers: nothing is mass-assigned)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.models import Theme, Visibility
from cms.services.activities import MAX_PHOTOS, MAX_TEXT, MAX_TITLE
from cms.services.comments import MAX_COMMENT


class SectionOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PhotoOut(serializers.Serializer):
    caption = serializers.CharField()
    url = serializers.CharField(help_text="JPEG, 480 px wide")
    url_webp = serializers.CharField(help_text="WebP, 480 px wide")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ActivityOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    date = serializers.DateField()
    section = SectionOut()
    theme = serializers.ChoiceField(choices=Theme.choices)
    summary = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    participants = serializers.IntegerField(allow_null=True)
    comment_count = serializers.IntegerField()


class ActivityDetailOut(ActivityOut):
    body_html = serializers.CharField(help_text="Sanitised HTML of the text (paragraphs and quotes)")
    photos = PhotoOut(many=True)
    event_id = serializers.IntegerField(allow_null=True)


class ActivityIn(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_TITLE)
    date = serializers.DateField()
    section = serializers.SlugField(help_text="slug of a section of your association")
    theme = serializers.ChoiceField(choices=Theme.choices)
    text = serializers.CharField(max_length=MAX_TEXT, help_text="plain text; any HTML is sanitised")
    participants = serializers.IntegerField(min_value=0, max_value=100000, required=False, allow_null=True)
    event = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False, help_text="staff only")
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_PHOTOS, help_text=_("JPEG, PNG or WebP, ≤ 10 MB")
    )
    captions = serializers.ListField(
        child=serializers.CharField(max_length=200, allow_blank=True), required=False, max_length=MAX_PHOTOS
    )


class SubmissionOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=["published", "pending", "changes"])


class CommentOut(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.public_name")
    text = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class CommentIn(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_COMMENT)
