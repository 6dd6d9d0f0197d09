"""Front-end forms: telling an activity (no JavaScript needed) and commenting."""

import contextlib
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from associations.models import Section
from cms.images import MAX_BYTES, clean_photo
from cms.models import Theme, Visibility
from cms.services.activities import MAX_PHOTOS, MAX_TEXT, MAX_TITLE, ActivityInput
from cms.services.comments import MAX_COMMENT

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


class ActivityForm(forms.Form):
    """Title, date, section, theme, text and up to six photos with captions."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none(), to_field_name="slug")
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    text = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who took part, what you did, what you learnt. Leave a blank line between paragraphs."),
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=0, max_value=100000, required=False)
    event = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, association, can_choose_visibility=False, photo_slots=MAX_PHOTOS, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.kept_tokens: dict[int, str] = {}
        self.fields["section"].queryset = Section.objects.filter(association=association)
        if can_choose_visibility:
            self.fields["visibility"] = forms.ChoiceField(
                label=_("Visible to"), choices=Visibility.choices, initial=Visibility.MEMBERS
            )
        self.photo_slots = photo_slots
        for number in range(1, photo_slots + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                max_length=200,
                widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
                help_text=_("JPEG, PNG or WebP, at most 10 MB.") if number == 1 else "",
            )
            self.fields[f"caption_{number}"] = forms.CharField(
                label=_("Caption of photo %(number)s") % {"number": number}, max_length=200, required=False
            )
        self.clean_photos = {}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > datetime.date.today():
            raise ValidationError(_("The activity cannot be in the future."))
        return day

    def clean(self):
        cleaned = super().clean()
        for number in range(1, self.photo_slots + 1):
            upload = cleaned.get(f"photo_{number}")
            if not upload:
                self._take_kept(number, cleaned.get(f"caption_{number}", ""))
                continue
            if upload.size > MAX_BYTES:
                self.add_error(
                    f"photo_{number}", _("%(name)s: the photo is larger than 10 MB.") % {"name": upload.name}
                )
                continue
            try:
                self.clean_photos[number] = clean_photo(upload, caption=cleaned.get(f"caption_{number}", ""))
            except ValidationError as error:
                self.add_error(f"photo_{number}", error)
        return cleaned

    def _take_kept(self, number: int, caption: str) -> None:
        """A photo accepted on a previous try of this form (see cms.kept_photos)."""
        from cms.kept_photos import take

        token = self.data.get(f"kept_{number}", "")
        photo = take(self.request, token, caption) if self.request is not None and token else None
        if photo is not None:
            self.clean_photos[number] = photo
            self.kept_tokens[number] = token

    def photo_rows(self):
        return [
            (self[f"photo_{n}"], self[f"caption_{n}"], n, self.kept_tokens.get(n))
            for n in range(1, self.photo_slots + 1)
        ]

    def to_input(self, *, captions=None) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            title=data["title"],
            date=data["date"],
            section=data["section"],
            theme=data["theme"],
            text=data["text"],
            participants=data.get("participants"),
            event_id=data.get("event"),
            visibility=data.get("visibility") or Visibility.MEMBERS,
            captions=captions or {},
        )

    def photos(self):
        return [self.clean_photos[number] for number in sorted(self.clean_photos)]


def prefill(params, *, association) -> dict:
    """Initial values from GET parameters (events link here: title, date, section, participants, event)."""
    initial = {}
    if params.get("title"):
        initial["title"] = params["title"][:MAX_TITLE]
    with contextlib.suppress(ValueError):
        initial["date"] = datetime.date.fromisoformat(params.get("date", ""))
    slug = params.get("section")
    if slug and Section.objects.filter(association=association, slug=slug).exists():
        initial["section"] = slug
    for name, key in (("participants", "participants"), ("event", "event")):
        try:
            value = int(params.get(key, ""))
        except ValueError:
            continue
        if value >= 0:
            initial[name] = value
    return initial


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT}),
    )
