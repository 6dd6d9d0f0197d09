"""The status of a page that shows a form: 400 when a submitted form was refused, so a refused upload or
invalid entry is never reported as a success (to scripts, proxies, tests or assistive tech)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UsernameField

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
