"""Fixtures of the indicators suite: a coordinator, a period in the past (Q1 2026) and a hand-counted
world of youths whose counts are written next to each test."""

import datetime

import pytest
from django.utils import timezone, translation

from associations.models import Membership, Role
from indicators.periods import period_containing
from tests.factories import member_of

Q1 = period_containing("quarter", datetime.date(2026, 2, 1))  # [2026-01-01, 2026-04-01), previous: Q4 2025


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture(autouse=True)
def _english():
    # Row labels are translated; the hand counts name them in English.
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(kita):
    """Staff of Kita who coordinates the whole association (sees every site's aggregates)."""
    user = member_of(kita, Role.STAFF, username="coordo", display_name="Coordinatrice")
    Membership.objects.filter(user=user).update(is_coordinator=True)
    return user


def youths(section, n: int, *, gender: str, birth_year: int, prefix: str, role=Role.YOUTH) -> list:
    people = [member_of(section, role, username=f"{prefix}{i}", gender=gender, birth_year=birth_year) for i in range(n)]
    Membership.objects.filter(user__in=people).update(joined_at=datetime.date(2025, 1, 1))
    return people


@pytest.fixture
def world(bamako, kita, staff, kita_staff):
    """Youths and leaders (hand-counted): Bamako 6 girls born 2010 (16 in 2026), 7 boys born 2005 (21),
    1 leader boy born 2004 (22); Kita 3 girls born 2011 (15), 5 boys born 2007 (19), 2 boys born 2010 (16).
    Staff: one per site."""
    Membership.objects.filter(user__in=[staff, kita_staff]).update(joined_at=datetime.date(2025, 1, 1))
    return {
        "b_girls": youths(bamako, 6, gender="female", birth_year=2010, prefix="bg"),
        "b_boys": youths(bamako, 7, gender="male", birth_year=2005, prefix="bb"),
        "b_leader": youths(bamako, 1, gender="male", birth_year=2004, prefix="bl", role=Role.LEADER),
        "k_girls": youths(kita, 3, gender="female", birth_year=2011, prefix="kg"),
        "k_boys": youths(kita, 5, gender="male", birth_year=2007, prefix="kb"),
        "k_young_boys": youths(kita, 2, gender="male", birth_year=2010, prefix="ky"),
    }


def table(report, key: str) -> dict:
    """A report table as {row label: values}."""
    return {str(label): values for label, values in report.tables()[key].rows}
