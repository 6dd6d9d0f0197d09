"""Forms of the event pages. Plain forms (not model forms): views hand the cleaned data to the services,
which decide what may be written (`events.services.events.EDITABLE`: the form reads and writes those)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Role, Section, User
from events.models import AUDIENCE_ROLES, EventKind
from events.services.events import EDITABLE

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OrganiserChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    section = SectionChoice(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label=_("All sections")
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_WIDGET)
    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, max_value=100000, required=False, help_text=_("Empty: no limit.")
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens at"), widget=DATETIME_WIDGET, required=False, help_text=_("Empty: now.")
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes at"),
        widget=DATETIME_WIDGET,
        required=False,
        help_text=_("Empty: when the event starts."),
    )
    audience_roles = forms.MultipleChoiceField(
        label=_("Roles invited"),
        choices=AUDIENCE_ROLES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: everyone."),
    )
    audience_sections = forms.ModelMultipleChoiceField(
        label=_("Sections invited"),
        queryset=Section.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: the event's section, or everyone when it is for all sections."),
    )
    min_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=120, required=False)
    organisers = OrganiserChoice(
        label=_("Other organisers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leaders and staff who may manage the event with you."),
    )
    draft = forms.BooleanField(label=_("Save as a draft (not visible to members yet)"), required=False)

    def __init__(self, *args, association_id: int, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        sections = Section.objects.filter(association_id=association_id).order_by("name")
        self.fields["section"].queryset = sections
        self.fields["audience_sections"].queryset = sections
        self.fields["audience_sections"].label_from_instance = lambda s: s.name
        self.fields["organisers"].queryset = User.objects.filter(
            memberships__association_id=association_id, memberships__role__in=[Role.LEADER, Role.STAFF]
        ).order_by("display_name", "pk")

    @staticmethod
    def initial_for(event) -> dict:
        """The form filled with the event as it is (for editing)."""
        return {
            **{field: getattr(event, field) for field in EDITABLE},
            "section": event.section,
            "audience_sections": list(event.audience_sections.all()),
            "organisers": list(event.organisers.all()),
            "draft": event.status == "draft",
        }

    def service_data(self) -> dict:
        """The fields the service lets an organiser write (`EDITABLE`), nothing else."""
        data = {field: self.cleaned_data.get(field) for field in EDITABLE}
        data["audience_roles"] = list(data["audience_roles"] or [])
        return data


class CancelEventForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label=_("Reason (sent to everyone registered)"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckInCodeForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=12)
