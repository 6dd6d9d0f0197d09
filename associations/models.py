"""Who belongs where: users, associations (tenants), sections (sites), memberships (roles), codes, inbox."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNDISCLOSED = "undisclosed", _("undisclosed")


class UserManager(DjangoUserManager):
    def get_by_natural_key(self, username):
        # Usernames are typed on phones that capitalise the first letter: "Youth.bamako.06" is
        # "youth.bamako.06" at the login page, the admin and every lookup (the constraint below keeps it unique).
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


def short_name(full: str) -> str:
    """ "Fanta Sidibé" -> "Fanta S."; "Mamadou Lamine Diarra" -> "Mamadou D."; one word stays as it is."""
    words = (full or "").split()
    if len(words) < 2 or not words[-1][0].isalpha():
        return " ".join(words)
    return f"{words[0]} {words[-1][0].upper()}."


class User(AbstractUser):
    """A person on the platform. Roles belong to memberships, not to the user.

    Private fields (phone, e-mail, birth year, gender, guardian consent) are seen only by the member and
    by the staff of their section. `display_name` is the member's full name, seen only by them and the
    staff of their site; everyone else sees `public_name`, first name and initial ("Fanta S."). Pages ask
    `associations.presenters.member_name(viewer, user)`, which applies that rule.
    """

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fr")
    guardian_consent_at = models.DateField(_("guardian consent recorded on"), null=True, blank=True)
    guardian_consent_by = models.ForeignKey(
        "self",
        verbose_name=_("guardian consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    must_set_password = models.BooleanField(_("must choose a password"), default=False)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_ci_unique",
                violation_error_message=_("This username is already taken (capital letters do not count)."),
            )
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def full_name(self) -> str:
        """The name as given at enrolment: for the member and the staff of their site only."""
        if self.erased_at:
            return str(_("former member"))
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        """First name and initial ("Fanta S."): the name every other member and visitor sees. Many members
        are minors enrolled from a list of full names, so the full name never leaves the site's staff."""
        if self.erased_at:
            return str(_("former member"))
        return short_name(self.display_name) or self.username

    def age_on(self, day: datetime.date) -> int | None:
        return None if self.birth_year is None else day.year - self.birth_year


class Association(models.Model):
    """A youth association: the tenant, with its moderation settings."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    country = models.CharField(_("country"), max_length=2, default="ML")
    default_language = models.CharField(_("default language"), max_length=8, choices=settings.LANGUAGES, default="fr")
    premoderate_youth = models.BooleanField(_("hold youth content for review"), default=True)
    premoderate_leaders = models.BooleanField(_("hold leaders' content for review"), default=False)
    report_threshold = models.PositiveSmallIntegerField(_("distinct reports that hide content"), default=3)
    public_activities = models.BooleanField(_("activities may be public"), default=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A site of an association (Bamako, Kita, Mopti, Sanankoroba)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["association", "slug"], name="section_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    YOUTH = "youth", _("youth")
    LEADER = "leader", _("leader")
    STAFF = "staff", _("staff")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")


class MembershipQuerySet(models.QuerySet):
    def effective(self):
        """Memberships that currently grant rights to act (a suspension ends by itself at its end date)."""
        now = timezone.now()
        return self.filter(
            Q(status=MembershipStatus.ACTIVE) | Q(status=MembershipStatus.SUSPENDED, suspended_until__lte=now)
        )

    def staff_of(self, association, section=None):
        """The effective staff of `association` (of `section` when given): who is told that something
        there awaits review. `association` and `section` are instances or ids."""
        staff = self.effective().filter(association=association, role=Role.STAFF)
        return staff if section is None else staff.filter(section=section)


class Membership(models.Model):
    """A user's place in one association: section, role and status."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.YOUTH)
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(_("suspension reason"), max_length=300, blank=True)
    is_safeguarding_lead = models.BooleanField(_("safeguarding lead"), default=False)
    # A staff member who reports on the whole association (all sites) to the programme; set by admins.
    is_coordinator = models.BooleanField(_("coordinates the whole association"), default=False)
    joined_at = models.DateField(_("joined on"), default=datetime.date.today)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="membership_unique_user")]
        indexes = [models.Index(fields=["association", "section", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.association} ({self.get_role_display()})"

    @property
    def is_suspended(self) -> bool:
        if self.status != MembershipStatus.SUSPENDED:
            return False
        return self.suspended_until is None or self.suspended_until > timezone.now()

    @property
    def is_staff_role(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_leader_or_staff(self) -> bool:
        return self.role in {Role.LEADER, Role.STAFF}


class OneTimeCode(models.Model):
    """A single-use login code handed out on paper by staff (most youths have no e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_codes")
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self) -> str:
        return f"code for {self.user_id} ({'used' if self.used_at else 'unused'})"


class Notification(models.Model):
    """One message in a member's in-app inbox."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


class NoticeTopic(models.TextChoices):
    """What a notification is about, for the member's choice of channels (the kind's first word)."""

    POLLS = "polls", _("polls")
    EVENTS = "events", _("events")
    ACTIVITIES = "activities", _("activity reports")
    ACCOUNT = "account", _("my account and moderation")

    @classmethod
    def of(cls, kind: str) -> "NoticeTopic":
        prefix = kind.split(".", 1)[0]
        return {"votes": cls.POLLS, "event": cls.EVENTS, "cms": cls.ACTIVITIES}.get(prefix, cls.ACCOUNT)


# Safeguarding alerts reach staff on every channel they have: nobody can turn them off.
ALWAYS_DELIVERED = {"moderation.child_protection"}


class NoticePreference(models.Model):
    """A member's channels for one topic besides the inbox (always on). No row: every channel they have."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    topic = models.CharField(_("topic"), max_length=12, choices=NoticeTopic.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_sms = models.BooleanField(_("by text message (SMS)"), default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_notice_preference_per_topic")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.topic}"
