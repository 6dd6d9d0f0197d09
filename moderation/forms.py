"""Forms of the moderation pages: validation only; the services decide."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.approvals import ACTIONS as APPROVAL_ACTIONS
from moderation.models import ReportReason
from moderation.services.decisions import ACTIONS


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    item = forms.CharField(max_length=80)
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    reason = forms.CharField(required=False, max_length=500)


class ApprovalForm(forms.Form):
    item = forms.CharField(max_length=80)
    action = forms.ChoiceField(choices=[(name, name) for name in APPROVAL_ACTIONS])
    comment = forms.CharField(required=False, max_length=1000)


class BulkApproveForm(forms.Form):
    items = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service refuses the ones the staff member may not moderate.
        self.fields["items"].choices = [(value, value) for value in self.data.getlist("items")] if self.data else []


class WarnForm(forms.Form):
    item = forms.CharField(max_length=80)
    reason = forms.CharField(label=_("Warning sent to the author"), max_length=300)


class SuspendForm(forms.Form):
    item = forms.CharField(max_length=80)
    until = forms.DateField(label=_("Suspended until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason of the suspension"), max_length=300)

    def until_datetime(self):
        day = self.cleaned_data["until"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
