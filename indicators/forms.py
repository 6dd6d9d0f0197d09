from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from indicators.models import PathwayStatus, Sector
from indicators.periods import KINDS


class PeriodForm(forms.Form):
    """The filters of the indicators page (GET); values are checked again by `indicator_query`."""

    period = forms.ChoiceField(
        label=_("Period"), choices=[(k, v) for k, v in KINDS.items() if k != "custom"], required=False
    )
    date = forms.DateField(
        label=_("Containing the day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    site = forms.ChoiceField(label=_("Site"), required=False)

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        if sites:  # coordinators and admins choose a site; a site's staff have only theirs
            self.fields["site"].choices = [("", _("all sites")), *[(s.pk, s.name) for s in sites]]
        else:
            del self.fields["site"]


class PathwayForm(forms.Form):
    member = forms.ChoiceField(label=_("Youth"))
    status = forms.ChoiceField(label=pgettext_lazy("pathway", "Status"), choices=PathwayStatus.choices)
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *Sector.choices],
        required=False,
        help_text=_("Required for a training or an internship."),
    )
    partner = forms.CharField(label=_("Partner (company, centre)"), max_length=150, required=False)
    started_on = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))
    poll = forms.ChoiceField(label=_("Decision it follows (closed poll)"), required=False)

    def __init__(self, *args, youths=(), polls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, f"{m.user.public_name} ({m.section.name})") for m in youths]
        self.fields["poll"].choices = [("", "—"), *[(p.pk, p.title) for p in polls]]
