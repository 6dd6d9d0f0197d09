"""What the events app keeps about a member, for their export: their registrations."""

from django.utils.translation import gettext_lazy as _

from events.models import Registration


def export_registrations(user) -> list[dict]:
    registrations = Registration.objects.filter(member=user).select_related("event").order_by("created_at", "pk")
    return [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at.isoformat(),
            "status": registration.status,
            "waitlist_number": registration.waitlist_number,
            "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
            "registered_at": registration.created_at.isoformat(),
        }
        for registration in registrations
    ]


def keep(user) -> None:
    """Registrations stay after an erasure: attendance figures of past events must not change."""


def register() -> None:
    from associations.personal_data import Provider
    from associations.personal_data import register as add

    add(Provider(key="event_registrations", export=export_registrations, erase=keep))
    from associations.participation import Counter
    from associations.participation import register as count

    count(Counter("events_registered", _("events registered for"), _registered))
    count(Counter("events_attended", _("events attended"), _attended))


def _registered(user_id: int) -> int:
    return Registration.objects.filter(member_id=user_id).exclude(status="cancelled").count()


def _attended(user_id: int) -> int:
    return Registration.objects.filter(member_id=user_id, checked_in_at__isnull=False).count()
