"""Business rules of events (writes). Services raise config.errors.DomainError."""

from events.services.events import event_cancel, event_create, event_publish, event_update
from events.services.feeds import calendar_feed_get, calendar_feed_regenerate
from events.services.registrations import (
    RegistrationResult,
    promote_waitlisted,
    registration_cancel,
    registration_check_in,
    registration_check_in_undo,
    registration_refusal,
    registration_register,
    waitlist_position,
)
from events.services.reminders import event_reminders_send

__all__ = [
    "RegistrationResult",
    "calendar_feed_get",
    "calendar_feed_regenerate",
    "event_cancel",
    "event_create",
    "event_publish",
    "event_reminders_send",
    "event_update",
    "promote_waitlisted",
    "registration_cancel",
    "registration_check_in",
    "registration_check_in_undo",
    "registration_refusal",
    "registration_register",
    "waitlist_position",
]
