"""Django admin for polls (the front-end pages and the API are the main way in). Ballots are not listed here:
browsing them one by one serves no purpose and only invites guessing."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from votes.forms import ROLE_CHOICES
from votes.models import Option, Poll, Proposal


class PollAdminForm(forms.ModelForm):
    """Roles as checkboxes, not a raw JSON box (the admin supplies the model and the fields)."""

    eligible_roles = forms.MultipleChoiceField(
        label=Poll._meta.get_field("eligible_roles").verbose_name,
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


class OptionInline(admin.TabularInline):
    """Options are locked once a poll opens: ballots refer to them (same rule as the services)."""

    model = Option
    extra = 0

    def _locked(self, obj) -> bool:
        return obj is not None and obj.opens_at is not None and obj.opens_at <= timezone.now()

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "kind", "opens_at", "closes_at", "published"]
    list_filter = ["association", "kind", "published", "topic", "results_after_voting"]
    search_fields = ["title", "question"]
    inlines = [OptionInline]
    readonly_fields = ["created_by", "outcome_recorded_at", "outcome_recorded_by"]
    form = PollAdminForm

    def get_changeform_initial_data(self, request):
        # The admin is used by staff and administrators, who publish what they create.
        return {"published": True, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        # Secret or public ballot is chosen at creation and never changed.
        return [*self.readonly_fields, "secret"] if obj is not None else self.readonly_fields


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["text", "poll", "status", "created_at"]
    list_filter = ["status"]
