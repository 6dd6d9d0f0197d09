"""Onboarding pages: CSV import, one-member form, login codes, printable sheet, first login."""

from django.urls import path

from associations.views import onboarding as views

urlpatterns: list = [
    path("membres/importer/", views.member_import, name="onboarding-import"),
    path("membres/importer/confirmer/", views.member_import_confirm, name="onboarding-import-confirm"),
    path("membres/nouveau/", views.member_new, name="onboarding-member-new"),
    path("membres/fiches/<str:batch>/", views.sheet, name="onboarding-sheet"),
    path("membres/<int:membership_id>/nouveau-code/", views.new_code, name="onboarding-new-code"),
    path("accounts/code/", views.code_login, name="onboarding-code-login"),
    path("accounts/code/mot-de-passe/", views.set_password, name="onboarding-set-password"),
]
