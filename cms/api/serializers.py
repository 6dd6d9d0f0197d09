"""Explicit input and output shapes of the activities API (no model serializers: nothing is mass-assigned)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.models import Theme, Visibility
from cms.photos import photo_url
from cms.sanitize import sanitize_html
from cms.services.activities import MAX_PHOTOS, MAX_TEXT, MAX_TITLE
from cms.services.comments import MAX_COMMENT


class SectionOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PhotoOut(serializers.Serializer):
    """One photo the caller may see (`ActivityPage.visible_photos`), in its 480 px rendition."""

    WIDTH = 480

    caption = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="JPEG, 480 px wide")
    url_webp = serializers.SerializerMethodField(help_text="WebP, 480 px wide")
    width = serializers.SerializerMethodField()
    height = serializers.SerializerMethodField()

    def get_url(self, photo) -> str:
        return photo_url(photo.page_id, photo.image_id, self.WIDTH, "jpg")

    def get_url_webp(self, photo) -> str:
        return photo_url(photo.page_id, photo.image_id, self.WIDTH, "webp")

    def get_width(self, photo) -> int:
        return min(self.WIDTH, photo.image.width)

    def get_height(self, photo) -> int:
        return round(photo.image.height * self.get_width(photo) / photo.image.width)


class ActivityOut(serializers.Serializer):
    """An activity as listed: the page itself, with `comment_count` annotated by `with_comment_counts()`."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    date = serializers.DateField()
    section = SectionOut()
    theme = serializers.ChoiceField(choices=Theme.choices)
    summary = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    participants = serializers.IntegerField(allow_null=True)
    comment_count = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return page.url or ""

    def get_comment_count(self, page) -> int:
        return getattr(page, "comment_count", None) or 0


class ActivityDetailOut(ActivityOut):
    """One activity with its text and the photos the caller may see (context: `viewer`)."""

    body_html = serializers.SerializerMethodField(help_text="Sanitised HTML of the text (paragraphs and quotes)")
    photos = serializers.SerializerMethodField()
    event_id = serializers.IntegerField(allow_null=True)

    def get_body_html(self, page) -> str:
        parts = []
        for block in page.body:
            if block.block_type == "paragraph":
                parts.append(sanitize_html(block.value.source))
            elif block.block_type == "quote":
                parts.append(f"<blockquote>{sanitize_html(block.value['text'])}</blockquote>")
        return "".join(parts)

    @extend_schema_field(PhotoOut(many=True))
    def get_photos(self, page) -> list[dict]:
        return PhotoOut(page.visible_photos(self.context["viewer"]), many=True).data


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
