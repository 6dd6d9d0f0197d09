"""Events organised by an association: the event, its registrations (with a waiting list) and calendar feeds.

Business rules (registering, promoting, check-in, reminders) live in `events.services`; reads in
`events.selectors`; who may do what in `events.rules`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Role, Section
from config.codes import random_code
from moderation.registry import register as register_moderated

# Check-in codes are read aloud or typed on a phone at the door (alphabet: config.codes).
CODE_LENGTH = 6


# Audience labels in the events catalogue (the associations catalogue does not translate Role's labels yet).
AUDIENCE_ROLES = [(Role.YOUTH, _("youths")), (Role.LEADER, _("leaders")), (Role.STAFF, _("staff"))]


def new_checkin_code() -> str:
    return random_code(CODE_LENGTH)


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    TRAINING = "training", _("training")
    WORKSHOP = "workshop", _("workshop")
    SPORT = "sport", _("sport")
    CULTURE = "culture", _("cultural day")
    COMMUNITY = "community", _("community work")
    OTHER = "other", _("other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PENDING = "pending", _("awaiting approval")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    # Set by moderation (after members' reports): the same values as moderation.content.ModerationStatus.
    HIDDEN = "hidden", _("hidden by the staff")
    REJECTED = "rejected", _("rejected by the staff")


@register_moderated(
    visible_to="events.view_event", queryset="events.selectors.events_for_moderation", queue_pending=False
)
class Event(models.Model):
    """Something the association organises, for a section (or all sections), with an optional capacity.

    "Past" is never stored: it is derived from `ends_at` and the clock. Members may report a published
    event (moderation's registry); staff may then hide it (status "hidden"). Events awaiting approval are
    approved by the events app, not in the moderation queue.
    """

    moderation_context_field = ""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="events")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Empty: all sections."),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices, default=EventKind.MEETING)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    audience_roles = models.JSONField(_("roles invited"), default=list, blank=True)
    audience_sections = models.ManyToManyField(
        Section, verbose_name=_("sections invited"), blank=True, related_name="+"
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), blank=True, related_name="organised_events"
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    # When its audience was told of it (claimed once, like the poll notices): publishing twice, or a
    # draft submitted then approved, never announces it twice.
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["association", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/evenements/{self.pk}/"

    # What moderation reads of every reportable item (moderation.content.ModeratedContent's shape): the
    # author of an event is whoever created it.
    flags: tuple = ()

    @property
    def author(self):
        return self.created_by

    @property
    def author_id(self) -> int | None:
        return self.created_by_id

    @property
    def moderation_text(self) -> str:
        return f"{self.title}\n{self.description}".strip()

    @property
    def moderation_context(self) -> str:
        return ""

    @property
    def moderation_anchor(self) -> str:
        return "event"

    def context_url(self) -> str:
        return self.get_absolute_url()

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def places_left(self) -> int | None:
        """Free places, or None without a capacity; reads the `confirmed_count` annotation of events.selectors."""
        if self.capacity is None:
            return None
        return max(self.capacity - getattr(self, "confirmed_count", 0), 0)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def role_labels(self) -> list[str]:
        labels = dict(AUDIENCE_ROLES)
        return [str(labels.get(role, role)) for role in self.audience_roles]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Registration(models.Model):
    """A member's place at an event: one row per member per event whose status changes over time.

    The waiting list is ordered by `waitlist_number`, handed out under the event's row lock.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    waitlist_number = models.PositiveIntegerField(null=True, blank=True)
    code = models.CharField(_("check-in code"), max_length=12)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="registration_one_per_member"),
            models.UniqueConstraint(fields=["event", "code"], name="registration_unique_code"),
        ]
        indexes = [models.Index(fields=["event", "status", "waitlist_number"])]

    def __str__(self) -> str:
        return f"{self.member} @ {self.event} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class CalendarFeed(models.Model):
    """The secret token of a member's private calendar feed (their registered events); regenerable."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
