"""One-time login codes: issued by staff, typed by the member once to choose a password.

Codes are never stored in clear (keyed HMAC-SHA256: fast enough for a 1,000-row import, useless without
the server's secret key), are single-use and expire after seven days.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import Membership, OneTimeCode, Role, User
from associations.predicates import is_staff_of
from associations.services.onboarding.rows import _plain
from config.codes import random_code
from config.errors import DomainError, Forbidden

logger = logging.getLogger("ton.security")

CODE_LENGTH = 8
CODE_LIFETIME = datetime.timedelta(days=7)
# A youth centre shares one connection: lock per username *and* IP, plus a looser per-IP ceiling.
IP_FAILURE_LIMIT = 30


@dataclass(frozen=True)
class IssuedCode:
    """One card of the printed sheet: the only moment the code exists in clear."""

    membership_id: int
    display_name: str
    username: str
    section: str
    code: str

    def as_card(self) -> dict:
        return {
            "membership": self.membership_id,
            "name": self.display_name,
            "username": self.username,
            "section": self.section,
            "code": self.code,
        }


def generate_code() -> str:
    raw = random_code(CODE_LENGTH)
    return f"{raw[:4]}-{raw[4:]}"


def _normalise_code(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def _hash_code(user_id: int, code: str) -> str:
    return salted_hmac("ton.onetimecode", f"{user_id}:{_normalise_code(code)}", algorithm="sha256").hexdigest()


def _new_code(*, user: User, actor: User | None) -> str:
    code = generate_code()
    now = timezone.now()
    OneTimeCode.objects.create(
        user=user, code_hash=_hash_code(user.pk, code), created_at=now, expires_at=now + CODE_LIFETIME, created_by=actor
    )
    return code


@transaction.atomic
def code_issue(*, actor: User, membership: Membership) -> IssuedCode:
    """A new code for a member who forgot the password: previous codes and the password stop working."""
    if not is_staff_of(actor, membership.association, membership.section_id):
        raise Forbidden(_("Only the staff of this member's section may do this."))
    if membership.role == Role.STAFF and not actor.is_superuser:
        raise Forbidden(_("Only a platform administrator gives codes to staff."))
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if user.erased_at is not None or not user.is_active:
        raise DomainError(_("This account is closed."), code="closed")
    now = timezone.now()
    OneTimeCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    user.set_unusable_password()
    user.must_set_password = True
    user.save(update_fields=["password", "must_set_password"])
    code = _new_code(user=user, actor=actor)
    audit(membership, "ton.member.code", user=actor, username=user.username)
    return IssuedCode(membership.pk, user.public_name, user.username, membership.section.name, code)


def _throttle_keys(username: str, ip: str) -> list[tuple[str, int]]:
    return [
        (f"ton:first-login:{_plain(username)}:{ip}", getattr(settings, "AXES_FAILURE_LIMIT", 5)),
        (f"ton:first-login-ip:{ip}", IP_FAILURE_LIMIT),
    ]


def _cooloff_seconds() -> int:
    return int(getattr(settings, "AXES_COOLOFF_TIME", datetime.timedelta(minutes=15)).total_seconds())


def _failed(username: str, ip: str, user: User | None) -> None:
    for key, limit in _throttle_keys(username, ip):
        cache.add(key, 0, timeout=_cooloff_seconds())
        if cache.incr(key) == limit:
            logger.warning("first login locked out: username=%r ip=%s", username, ip)
            if user is not None:
                audit(user, "ton.member.lockout", user=None, ip_address=ip, via="code")


def code_check(*, username: str, code: str, ip: str) -> OneTimeCode:
    """Check a username and code typed on the first-login page. Throttled per username and IP."""
    username = username.strip()
    if any(cache.get(key, 0) >= limit for key, limit in _throttle_keys(username, ip)):
        raise DomainError(
            _("Too many wrong codes. Wait %(minutes)s minutes, or ask an educator of your site.")
            % {"minutes": _cooloff_seconds() // 60},
            code="locked",
            status=429,
        )
    user = User.objects.filter(username__iexact=username, is_active=True, erased_at__isnull=True).first()
    found = None
    if user is not None:
        digest = _hash_code(user.pk, code)
        for candidate in OneTimeCode.objects.filter(user=user).order_by("-created_at")[:20]:
            if constant_time_compare(candidate.code_hash, digest):
                found = candidate
                break
    if found is None:
        _failed(username, ip, user)
        raise DomainError(_("Wrong username or code. Check the card you were given."), code="wrong_code")
    _raise_if_spent(found)
    cache.delete(_throttle_keys(username, ip)[0][0])
    return found


def _raise_if_spent(code: OneTimeCode) -> None:
    if code.used_at is not None:
        raise DomainError(
            _("This code has already been used. Log in with your password, or ask an educator for a new code."),
            code="code_used",
        )
    if code.expires_at <= timezone.now():
        raise DomainError(
            _("This code is no longer valid (expired or replaced by a newer one). Ask an educator for a new code."),
            code="code_expired",
        )


@transaction.atomic
def code_redeem(*, code_id: int, user_id: int, password: str) -> User:
    """Use a checked code: set the chosen password, spend the code. The caller then logs the member in."""
    code = OneTimeCode.objects.select_for_update().filter(pk=code_id, user_id=user_id).select_related("user").first()
    if code is None or code.user.erased_at is not None or not code.user.is_active:
        raise DomainError(_("Wrong username or code. Check the card you were given."), code="wrong_code")
    _raise_if_spent(code)
    user = code.user
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="weak_password") from None
    user.set_password(password)
    user.must_set_password = False
    user.save(update_fields=["password", "must_set_password"])
    code.used_at = timezone.now()
    code.save(update_fields=["used_at"])
    return user
