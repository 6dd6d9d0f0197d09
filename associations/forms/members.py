from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Role, User


class SuspendForm(forms.Form):
    until = forms.DateField(label=_("Suspended until (included)"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("The end of the suspension must be in the future."))
        return until


class WarnForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]
        labels = {"display_name": _("Display name"), "language": _("Language")}

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Choose a name of at least 2 characters."))
        return name
