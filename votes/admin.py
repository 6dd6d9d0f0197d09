"""Django admin for polls (the front-end pages and the API are the main way in). Ballots are not listed here:
browsing them one by one serves no purpose and only invites guessing."""

from django.contrib import admin
from django.utils import timezone

from votes.models import Option, Poll, Proposal


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

    def get_readonly_fields(self, request, obj=None):
        # Secret or public ballot is chosen at creation and never changed.
        return [*self.readonly_fields, "secret"] if obj is not None else self.readonly_fields


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["text", "poll", "status", "created_at"]
    list_filter = ["status"]
