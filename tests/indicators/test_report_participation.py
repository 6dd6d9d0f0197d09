"""Participation indicators against a hand-counted world (see conftest.world)."""

import datetime

import pytest
from django.utils import timezone

from associations.models import OneTimeCode, User
from cms.models import Comment
from events.models import Registration, RegistrationStatus
from indicators.report import build_report
from tests.indicators.conftest import Q1, at, table

pytestmark = pytest.mark.django_db


def report(association, scope=None):
    return build_report(association=association, scope=scope, period=Q1)


def test_members_by_site_and_role(association, world, bamako):
    rows = table(report(association), "members_by_site")
    # youths: Bamako 6 + 7 = 13, Kita 3 + 5 + 2 = 10; leaders: Bamako 1 (hidden), Kita 0; staff: 1 and 1.
    assert rows["Bamako"] == [13, None, None]
    assert rows["Kita"] == [10, 0, None]
    assert rows["Total"] == [23, None, None]


def test_gender_and_age_with_complementary_suppression(association, world):
    rows = table(report(association), "members_by_gender_age")
    # 14–17: girls 6 + 3 = 9, boys 2 (hidden) → girls hidden too, else 11 − 9 would give the 2 boys.
    # 18–23: boys 7 + 1 + 5 = 13, girls 0.
    assert rows["female"] == [None, 0, 0]
    assert rows["male"] == [None, 13, 0]
    assert rows["Total"] == [11, 13, 0]


def test_a_site_staff_sees_only_their_site(association, world, bamako):
    rows = table(report(association, scope=[bamako.pk]), "members_by_site")
    assert set(rows) == {"Bamako", "Total"}
    assert rows["Total"] == [13, None, None]


def test_active_members_over_30_and_90_days(association, world, make_event_in):
    end = Q1.end
    event = make_event_in(datetime.date(2026, 3, 20))
    for boy in world["b_boys"][:5]:  # registered 10 days before the end: active in 30 and 90 days
        Registration.objects.create(
            event=event,
            member=boy,
            status=RegistrationStatus.CONFIRMED,
            code=boy.username,
            created_at=at(end - datetime.timedelta(days=10)),
        )
    girl = world["k_girls"][0]  # commented 60 days before the end: active in 90 days only
    Comment.objects.create(
        author=girl,
        association=association,
        page_id=_a_page(),
        text="Bravo",
        created_at=at(end - datetime.timedelta(days=60)),
    )
    Comment.objects.create(
        author=world["k_girls"][1],
        association=association,
        page_id=_a_page(),
        text="Trop tôt",
        created_at=at(end - datetime.timedelta(days=200)),
    )
    result = report(association)
    rows = table(result, "active_members")
    assert rows["Bamako"] == [14, 5, None]  # 90 days: 5, hidden with Kita's 1 (total 6 is shown)
    assert rows["Kita"] == [10, 0, None]
    assert rows["Total"] == [24, 5, 6]
    assert result.headlines[1].value == 6


def _a_page():
    from wagtail.models import Page

    return Page.objects.order_by("pk").first().pk


def test_onboarding_codes_logins_and_activity(association, world):
    girls = world["b_girls"]
    for girl in girls:  # six codes issued in the period…
        OneTimeCode.objects.create(
            user=girl, code_hash="x", created_at=at(datetime.date(2026, 2, 2)), expires_at=timezone.now()
        )
    User.objects.filter(pk__in=[g.pk for g in girls[:5]]).update(last_login=timezone.now())  # …five logged in
    OneTimeCode.objects.create(
        user=world["k_boys"][0], code_hash="x", created_at=at(datetime.date(2025, 12, 1)), expires_at=timezone.now()
    )  # before the period: not counted
    rows = table(report(association), "onboarding")
    assert rows["Bamako"] == [6, 5, 0]
    assert rows["Kita"] == [0, 0, 0]
    assert rows["Total"] == [6, 5, 0]


@pytest.fixture
def make_event_in(association, bamako, staff):
    from events.models import Event, EventStatus

    def make(day):
        return Event.objects.create(
            association=association,
            section=bamako,
            title="Atelier",
            kind="workshop",
            starts_at=at(day),
            ends_at=at(day, 14),
            status=EventStatus.PUBLISHED,
        )

    return make
