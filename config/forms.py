"""The status of a page that shows a form: 400 when a submitted form was refused, so a refused upload or
invalid entry is never reported as a success (to scripts, proxies, tests or assistive tech)."""

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils.translation import gettext_lazy as _

User = get_user_model()


def form_status(*forms) -> int:
    return 400 if any(form is not None and form.is_bound and form.errors for form in forms) else 200


class BoundedLoginForm(AuthenticationForm):
    """Django's login form, with the username bounded like the account field: Django sets `max_length` on
    the field after its validators are built, so a 256+ character name reached the failed-login log (a
    255-character column) and failed with a database error instead of a form error."""

    username = UsernameField(
        max_length=User._meta.get_field("username").max_length, widget=forms.TextInput(attrs={"autofocus": True})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own says "both fields may be case-sensitive": usernames are not, and the words are a
        # technician's.
        "invalid_login": _("Wrong username or password. Check them and try again."),
    }

    def get_invalid_login_error(self):
        errors = [super().get_invalid_login_error()]
        credentials = {"username": self.cleaned_data.get("username", "")}
        if settings.AXES_ENABLED and self.request is not None:
            left = settings.AXES_FAILURE_LIMIT - AxesProxyHandler.get_failures(self.request, credentials)
            if left == 1:
                minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
                errors.append(
                    forms.ValidationError(
                        _("Careful: one more wrong try and this username is blocked for %(minutes)s minutes."),
                        code="last_try",
                        params={"minutes": minutes},
                    )
                )
        return forms.ValidationError(errors)


def axes_username(request, credentials=None) -> str | None:
    """The username django-axes counts failures for: without case, like the login itself, so
    "Youth.bamako.06" and "youth.bamako.06" are one account to the lockout too."""
    source = credentials or getattr(request, "data", request.POST)
    username = source.get("username")
    return username.strip().lower() if isinstance(username, str) else username
