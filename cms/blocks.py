"""StreamField blocks of activity and standard pages: paragraph, image, quote — no embeds (they cost data)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ImageBlock(blocks.StructBlock):
    """A photo inside the text, served through the visibility-checked photo URL (never a /media/ URL)."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)
    consent_recorded = blocks.BooleanBlock(
        label=_("consent recorded (people shown agreed to publication)"), required=False, default=False
    )

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("image")


class QuoteBlock(blocks.StructBlock):
    """A quotation, e.g. what a participant said."""

    text = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("said by"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("quote")


class BodyBlock(blocks.StreamBlock):
    """The body of an activity report or a standard page."""

    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("paragraph"))
    image = ImageBlock()
    quote = QuoteBlock()
