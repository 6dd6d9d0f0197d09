"""Django admin (/django-admin/) for platform administrators: associations, sections, staff memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership, Notification, Section, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Platform"),
            {"fields": ("display_name", "phone", "birth_year", "gender", "language", "must_set_password", "erased_at")},
        ),
    )
    list_display = ("username", "display_name", "is_staff", "is_active")
    search_fields = ("username", "display_name")


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "country", "premoderate_youth", "premoderate_leaders", "report_threshold")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SectionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "association", "section", "role", "status", "is_safeguarding_lead", "is_coordinator")
    list_filter = ("association", "section", "role", "status", "is_safeguarding_lead", "is_coordinator")
    search_fields = ("user__username", "user__display_name")
    autocomplete_fields = ("user",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)
