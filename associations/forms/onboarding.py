"""Forms of the onboarding pages. They only shape input: every rule is checked by the onboarding service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Gender, Role
from associations.services.onboarding import BIRTH_YEARS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One member per line. Columns: name, section, birth year, gender, phone (optional), role (optional)."
        ),
    )

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        _add_association_field(self, associations)


class MemberForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=80)
    section = forms.ChoiceField(label=_("Section"))
    birth_year = forms.IntegerField(label=_("Birth year"), min_value=BIRTH_YEARS[0], max_value=BIRTH_YEARS[1])
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNDISCLOSED)
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=32)
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in (Role.YOUTH, Role.LEADER)])

    def __init__(self, *args, sections=(), associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.slug, s.name) for s in sections]
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="off")
        self.fields["birth_year"].widget.attrs.update(inputmode="numeric")
        _add_association_field(self, associations)


def _add_association_field(form: forms.Form, associations) -> None:
    """Platform admins belong to no association: they choose one."""
    if associations is not None:
        form.fields["association"] = forms.ModelChoiceField(
            label=_("Association"), queryset=associations, empty_label=None
        )
        form.order_fields(["association"])


class CodeLoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("The code on your card, e.g. K7MP-Q2RX."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["code"].widget.attrs.update(autocomplete="one-time-code", autocapitalize="characters")
