"""Demo events (called by `manage.py seed_demo` after associations.demo): per section, two upcoming events
(one full, with a waiting list) and one past event with check-ins, plus one event for all sections.

Idempotent: events are found by association and title, registrations by event and member; a second run
creates nothing and changes nothing.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from associations.models import Association, Section, User
from events.models import Event, EventStatus, Registration, RegistrationStatus, new_checkin_code

SECTION_EVENTS = [
    # (title, kind, days from the seeding day, hour, capacity, registrants, place)
    ("Atelier CV et lettre de motivation — {section}", "workshop", 5, 10, 12, 15, "Centre des jeunes, {section}"),
    ("Tournoi de football — {section}", "sport", 12, 16, None, 20, "Terrain du village, {section}"),
    ("Réunion du bureau — {section}", "meeting", -10, 15, 20, 10, "Salle de réunion, {section}"),
]
ALL_SECTIONS_EVENT = ("Journée culturelle inter-sites", "culture", 20, 9, 60, 30, "Bamako, Palais de la culture")


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(log) -> None:
    association = Association.objects.filter(slug="imaj-mali").first()
    if association is None:
        return
    sections = list(Section.objects.filter(association=association).order_by("name"))
    users = {u.username: u for u in User.objects.filter(memberships__association=association)}
    created = 0
    for section in sections:
        leader = users.get(f"leader.{section.slug}")
        youths = [u for name, u in sorted(users.items()) if name.startswith(f"youth.{section.slug}.")]
        for spec in SECTION_EVENTS:
            created += _event(association, section, leader, youths, spec)
    everyone = sorted((u for name, u in users.items() if name.startswith("youth.")), key=lambda u: u.username)
    created += _event(association, None, users.get("leader.bamako"), everyone[::9], ALL_SECTIONS_EVENT)
    log(f"events: {created} demo events created")


def _event(association, section, leader, youths, spec) -> int:
    title, kind, days, hour, capacity, registrants, place = spec
    name = section.name if section else ""
    starts = _at(days, hour)
    event, created = Event.objects.get_or_create(
        association=association,
        title=title.format(section=name),
        defaults={
            "section": section,
            "kind": kind,
            "place": place.format(section=name),
            "description": "Événement de démonstration : inscrivez-vous depuis cette page.",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=3),
            "capacity": capacity,
            "status": EventStatus.PUBLISHED,
            "created_by": leader,
            "created_at": min(starts, timezone.now()) - timedelta(days=14),
        },
    )
    if created and leader is not None:
        event.organisers.set([leader])
    _register(event, youths[:registrants], past=days < 0)
    return int(created)


def _register(event: Event, people: list[User], *, past: bool) -> None:
    existing = set(Registration.objects.filter(event=event).values_list("member_id", flat=True))
    taken = set(Registration.objects.filter(event=event).values_list("code", flat=True))
    rows = []
    for index, person in enumerate(people):
        if person.pk in existing:
            continue
        confirmed = event.capacity is None or index < event.capacity
        code = new_checkin_code()
        while code in taken:
            code = new_checkin_code()
        taken.add(code)
        rows.append(
            Registration(
                event=event,
                member=person,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
                waitlist_number=None if confirmed else index - event.capacity + 1,
                code=code,
                # At a past event, most confirmed people came.
                checked_in_at=event.starts_at + timedelta(minutes=10) if past and confirmed and index % 4 else None,
            )
        )
    Registration.objects.bulk_create(rows)
