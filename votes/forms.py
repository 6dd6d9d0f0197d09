"""The poll form of the site: complete without JavaScript (option rows are added and removed by submit
buttons), and everything typed comes back when the form is refused. Plain form: the view hands the
cleaned data to `votes.services`, which decide what may be written."""

from datetime import timedelta

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Role, Section
from votes.models import Kind, Poll, Topic, Visibility
from votes.services.polls import SETTINGS_FIELDS

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ROLE_CHOICES = [(Role.YOUTH, _("youths")), (Role.LEADER, _("leaders")), (Role.STAFF, _("staff"))]
BALLOT_CHOICES = [("secret", _("Secret: nobody sees who chose what")), ("public", _("Public: names are shown"))]
MAX_OPTIONS = 30
DEFAULT_OPTION_ROWS = 4


def option_rows(data, *, initial: list[str] | None = None) -> list[str]:
    """The option rows to show: what was typed; after "one more row", the emptied rows go and one is added
    (emptying a row is how an option is removed, without JavaScript)."""
    if data is None:
        rows = list(initial or [])
        return rows + [""] * max(DEFAULT_OPTION_ROWS - len(rows), 0)
    rows = [label[:200] for label in data.getlist("option")][:MAX_OPTIONS]
    if "add_row" in data:
        rows = [row for row in rows if row.strip()]
        rows.append("")
    return rows


def wants_more_rows(data) -> bool:
    """The member pressed "one more row": show the form again with what was typed, save nothing."""
    return data is not None and "add_row" in data


class PollForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    question = forms.CharField(label=_("Question put to the members"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=3000
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    kind = forms.ChoiceField(
        label=_("Kind of vote"), choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.SINGLE
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME_WIDGET, help_text=_("Bamako time."))
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME_WIDGET, help_text=_("Bamako time."))
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections in scope"),
        queryset=Section.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every section of the association."),
    )
    eligible_roles = forms.MultipleChoiceField(
        label=_("Who may vote"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, initial=["youth", "leader"]
    )
    min_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=120, required=False)
    ballot = forms.ChoiceField(
        label=_("Ballot"),
        choices=BALLOT_CHOICES,
        widget=forms.RadioSelect,
        initial="secret",
        help_text=_("Chosen now and never changed."),
    )
    results_visibility = forms.ChoiceField(
        label=_("Results visible"), choices=Visibility.choices, initial=Visibility.AFTER_CLOSE
    )
    results_after_voting = forms.BooleanField(
        label=Poll._meta.get_field("results_after_voting").verbose_name,
        required=False,
        initial=True,
    )
    quorum_percent = forms.IntegerField(
        label=_("Quorum (% of eligible members)"), min_value=0, max_value=100, initial=0
    )
    min_choices = forms.IntegerField(
        label=_("Minimum choices"), min_value=1, max_value=MAX_OPTIONS, initial=1, help_text=_("Multiple choice only.")
    )
    max_choices = forms.IntegerField(
        label=_("Maximum choices"),
        min_value=1,
        max_value=MAX_OPTIONS,
        required=False,
        help_text=_("Multiple choice only. Empty: no limit."),
    )
    accepts_proposals = forms.BooleanField(label=_("Members may propose options before it opens"), required=False)
    publish = forms.BooleanField(label=_("Publish now (members see it at its opening)"), required=False, initial=True)

    def __init__(
        self,
        *args,
        association_id: int,
        locked: bool = False,
        secret_fixed: bool = False,
        quiet: bool = False,
        staff: bool = False,
        **kwargs,
    ):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.quiet = quiet
        if not staff:
            del self.fields["publish"]  # a leader's poll waits for staff
        self.fields["sections"].queryset = Section.objects.filter(association_id=association_id).order_by("name")
        self.fields["sections"].label_from_instance = lambda section: section.name
        if not self.is_bound and "opens_at" not in self.initial:
            opens = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.update(opens_at=opens, closes_at=opens + timedelta(days=7))
        if secret_fixed:
            self.fields["ballot"].disabled = True
        if locked:
            # Open or closed: only the description may still change (the services refuse anything else).
            for name, field in self.fields.items():
                if name != "description":
                    field.disabled = True

    def full_clean(self):
        if self.quiet:
            # Rows were added or removed: show what was typed again, without judging it yet.
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The poll must close after it opens."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in SETTINGS_FIELDS}
        fields["eligible_roles"] = list(data.get("eligible_roles") or [])
        fields["quorum_percent"] = data.get("quorum_percent") or 0
        fields["min_choices"] = data.get("min_choices") or 1
        fields["description"] = data.get("description") or ""
        return fields

    @property
    def secret(self) -> bool:
        return self.cleaned_data.get("ballot", "secret") == "secret"


def initial_from(poll) -> dict:
    """The form's values from an existing poll (to edit it, or to start a new one from it)."""
    values = {name: getattr(poll, name) for name in SETTINGS_FIELDS}
    values["sections"] = list(poll.sections.all())
    values["ballot"] = "secret" if poll.secret else "public"
    return values
