"""`{{ value|day }}` ("lun. 7 déc.") and `{{ value|day_time }}` ("lun. 7 déc., 14h30"): the short dates of
every card and list, in the formats of the current language (config/formats/<lang>/formats.py)."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

register = template.Library()

FALLBACK = {"DAY_FORMAT": "D j M", "DAY_TIME_FORMAT": "D j M, H:i"}


def platform_format(name: str) -> str:
    """A format of ours (Django's `date` filter only looks up its own names in format modules)."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return FALLBACK[name]


def _local(value):
    # Like the `date` filter: an aware datetime is shown in the site's time zone.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day(value) -> str:
    return formats.date_format(_local(value), platform_format("DAY_FORMAT")) if value else ""


@register.filter
def day_time(value) -> str:
    return formats.date_format(_local(value), platform_format("DAY_TIME_FORMAT")) if value else ""
