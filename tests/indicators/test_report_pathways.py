"""Placement of graduates seeking work, within 3 and 6 months, against hand counts.

For Q1 2026 the 3-month windows that close in the period are those of seekers who started between
2025-10-02 and 2025-12-30; the 6-month windows, those who started between 2025-07-02 and 2025-09-29.
"""

import datetime

import pytest

from indicators.models import Pathway
from indicators.report import build_report
from tests.indicators.conftest import Q1, table, youths

pytestmark = pytest.mark.django_db
D = datetime.date


def _steps(people, *steps):
    for person in people:
        membership = person.memberships.get()
        for status, day, sector in steps:
            Pathway.objects.create(
                member=person,
                association=membership.association,
                section=membership.section,
                status=status,
                started_on=day,
                sector=sector,
            )


@pytest.fixture
def pathways(bamako, kita):
    a = youths(bamako, 5, gender="male", birth_year=2004, prefix="pa")
    _steps(a, ("seeking", D(2025, 11, 1), ""), ("training", D(2025, 12, 1), "digital"))  # placed in 30 days
    b = youths(bamako, 5, gender="male", birth_year=2004, prefix="pb")
    _steps(b, ("seeking", D(2025, 11, 15), ""), ("internship", D(2026, 3, 1), "mechanics"))  # 106 days
    c = youths(bamako, 10, gender="male", birth_year=2004, prefix="pc")
    _steps(c[:5], ("seeking", D(2025, 8, 1), ""), ("training", D(2025, 12, 15), "crafts"))  # 136 days
    _steps(c[5:], ("seeking", D(2025, 8, 1), ""))  # never placed
    d = youths(kita, 5, gender="female", birth_year=2004, prefix="pd")
    _steps(d, ("school", D(2024, 9, 1), ""), ("seeking", D(2026, 2, 1), ""))  # started in the period


def test_placement_within_3_and_6_months(association, pathways):
    rows = table(build_report(association=association, scope=None, period=Q1), "placement")
    # 3 months: a and b are due (10), a placed (5) → 50 %. 6 months: c is due (10), 5 placed → 50 %.
    assert rows["Bamako"] == [0, 50.0, 50.0]
    assert rows["Kita"] == [5, None, None]  # 5 started seeking; no window has closed yet
    assert rows["male"] == [0, 50.0, 50.0]
    assert rows["female"] == [5, None, None]
    assert rows["Total"] == [5, 50.0, 50.0]


def test_placement_headline_against_the_target(association, pathways):
    headline = build_report(association=association, scope=None, period=Q1).headlines[3]
    assert (headline.value, headline.previous, headline.target) == (50.0, None, 100.0)


def test_a_window_still_running_is_left_out(association, pathways):
    # On 2026-02-10, a's 3-month window (closed 2026-01-31) is due and b's (closing 2026-02-14) is not:
    # b is not counted as a failure yet. c's 6-month window closed 2026-01-31.
    now = datetime.datetime(2026, 2, 10, 12, tzinfo=datetime.UTC)
    rows = table(build_report(association=association, scope=None, period=Q1, now=now), "placement")
    assert rows["Total"] == [5, 100.0, 50.0]
    earlier = datetime.datetime(2026, 1, 20, 12, tzinfo=datetime.UTC)
    rows = table(build_report(association=association, scope=None, period=Q1, now=earlier), "placement")
    assert rows["Total"] == [5, None, None]


def test_places_by_sector_and_statuses_at_the_end(association, pathways):
    report = build_report(association=association, scope=None, period=Q1)
    assert table(report, "placements_by_sector") == {"mechanics": [0, 5], "Total": [0, 5]}
    statuses = table(report, "pathway_statuses")
    # columns: school, training, internship, employed, self-employed, seeking, other
    assert statuses["Bamako"] == [0, 10, 5, 0, 0, 5, 0]
    assert statuses["Kita"] == [0, 0, 0, 0, 0, 5, 0]
    assert statuses["Total"] == [0, 10, 5, 0, 0, 10, 0]
