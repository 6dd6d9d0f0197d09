"""The member directory: search and filters, and what each filter may reveal to the viewer.

A filter narrows the list only on what the viewer may see of the members it matches: site and role for
leaders and staff of the association (`view_membership_section`), age band, status and username only inside
the sections whose private fields the viewer sees (staff of the section, platform admins). A youth searches
by name alone, so no filter ever tells them who is on which site or of which age.
"""

import datetime
import re
from dataclasses import dataclass

import rules
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Membership, MembershipStatus, Role
from associations.predicates import staff_sections
from associations.presenters import member_data
from associations.selectors import (
    directory_sections,
    may_filter_by_section,
    memberships_visible_to,
    primary_membership,
)
from config.parsing import parse_id

ALL_SITES = "all"
AGE_BANDS = {"14-17": (14, 17), "18-23": (18, 23), "other": None}
AGE_BAND_CHOICES = [("14-17", _("14–17")), ("18-23", _("18–23")), ("other", _("other ages"))]
STATUS_CHOICES = [(MembershipStatus.ACTIVE, _("active")), (MembershipStatus.SUSPENDED, _("suspended"))]

# Letters a phone keyboard may type without their accent: "awa" finds "Äwa", "helene" finds "Hélène". A
# character class in a regular expression works the same on SQLite (Python's re) and PostgreSQL (~*).
_ACCENTS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}
_FOLD = {accented: base for base, letters in _ACCENTS.items() for accented in letters}


def name_pattern(text: str) -> str:
    """A case- and accent-insensitive regular expression for `text` (escaped: never a user's regex)."""
    parts = []
    for char in text.lower():
        base = _FOLD.get(char)
        if base:
            letters = _ACCENTS[base]
            parts.append(f"[{letters}{letters.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@dataclass(frozen=True)
class DirectoryQuery:
    """What the viewer asked for, already narrowed to what they may ask."""

    q: str = ""
    section: str = ""  # a section id, ALL_SITES, or "" for "the viewer's own site" (leaders and staff)
    role: str = ""
    age: str = ""
    status: str = ""

    @classmethod
    def from_params(cls, viewer, params, *, default_own_site: bool) -> "DirectoryQuery":
        may_site = may_filter_by_section(viewer)
        may_private = rules.has_perm("associations.filter_members_private", viewer)
        section = str(params.get("section", "")).strip()[:20]
        if not may_site:
            section = ALL_SITES
        elif section != ALL_SITES and parse_id(section) is None:
            own = primary_membership(viewer)
            section = str(own.section_id) if default_own_site and own else ALL_SITES
        role = str(params.get("role", ""))
        age = str(params.get("age", ""))
        status = str(params.get("status", ""))
        return cls(
            q=" ".join(str(params.get("q", "")).split())[:80],
            section=section,
            role=role if may_site and role in Role.values else "",
            age=age if may_private and age in AGE_BANDS else "",
            status=status if may_private and status in MembershipStatus.values else "",
        )


def private_scope(viewer) -> Q | None:
    """Memberships whose private fields the viewer sees (None: all of them, for platform admins)."""
    if viewer.is_superuser:
        return None
    scope = Q(pk__in=[])
    for association_id, section_ids in staff_sections(viewer).items():
        scope |= Q(association_id=association_id, section_id__in=sorted(section_ids))
    return scope


def search(viewer, query: DirectoryQuery, *, today: datetime.date | None = None) -> QuerySet[Membership]:
    """The directory for pages and API: visible members narrowed by the query (one query per page)."""
    memberships = memberships_visible_to(viewer)
    section_id = parse_id(query.section)
    if section_id is not None:
        memberships = memberships.filter(section_id=section_id)
    if query.role:
        memberships = memberships.filter(role=query.role)
    private = private_scope(viewer)
    if query.q:
        pattern = name_pattern(query.q)
        by_name = Q(user__display_name__iregex=pattern)
        if private is None:
            by_name |= Q(user__username__iregex=pattern)
        else:
            by_name |= private & Q(user__username__iregex=pattern)
        memberships = memberships.filter(by_name)
    if query.age or query.status:
        if private is not None:
            memberships = memberships.filter(private)
        memberships = _filter_age(memberships, query.age, today or timezone.localdate())
        memberships = _filter_status(memberships, query.status)
    return memberships


def _filter_age(memberships: QuerySet[Membership], band: str, today: datetime.date) -> QuerySet[Membership]:
    if not band:
        return memberships
    # Only the birth year is kept (data minimisation): the age is the one reached this year.
    bounds = AGE_BANDS[band]
    if bounds is None:
        young, old = AGE_BANDS["14-17"][0], AGE_BANDS["18-23"][1]
        within = Q(user__birth_year__gte=today.year - old, user__birth_year__lte=today.year - young)
        return memberships.exclude(within)
    low, high = bounds
    return memberships.filter(user__birth_year__gte=today.year - high, user__birth_year__lte=today.year - low)


def _filter_status(memberships: QuerySet[Membership], status: str) -> QuerySet[Membership]:
    if not status:
        return memberships
    suspended = Q(status=MembershipStatus.SUSPENDED) & (
        Q(suspended_until__isnull=True) | Q(suspended_until__gt=timezone.now())
    )
    return memberships.filter(suspended) if status == MembershipStatus.SUSPENDED else memberships.exclude(suspended)


def age_of(birth_year: int | None, today: datetime.date | None = None) -> int | None:
    return None if birth_year is None else (today or timezone.localdate()).year - birth_year


def rows(viewer, memberships) -> list[dict]:
    """Each member as the viewer may see them (`member_data`), with the age when the birth year is visible."""
    today = timezone.localdate()
    result = []
    for membership in memberships:
        data = member_data(viewer, membership)
        data["age"] = age_of(data.get("birth_year"), today)
        data["role_label"] = membership.get_role_display() if "role" in data else ""
        result.append(data)
    return result


def filter_choices(viewer) -> dict:
    """The filters the page offers this viewer (the same ones `DirectoryQuery.from_params` accepts)."""
    may_private = rules.has_perm("associations.filter_members_private", viewer)
    return {
        "sections": list(directory_sections(viewer)),
        "roles": Role.choices if may_filter_by_section(viewer) else [],
        "ages": AGE_BAND_CHOICES if may_private else [],
        "statuses": STATUS_CHOICES if may_private else [],
    }
