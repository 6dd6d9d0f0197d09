"""Onboarding pages: CSV import, one-member form, login codes, printable sheet, first login."""

urlpatterns: list = []
