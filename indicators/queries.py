"""Raw aggregates behind the indicators: each function is ONE SQL query grouped by small keys (site,
role, gender, birth year, topic…), so the number of queries never grows with the data.

`scope` is a list of section ids, or None for every site of the association. Periods are half-open.
"""

import datetime

from django.db.models import Avg, Count, DateField, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from associations.models import Membership, OneTimeCode, Role
from cms.models import ActivityPage, ActivityPhoto, Comment
from events.models import Event, EventStatus, Registration, RegistrationStatus
from indicators.models import PLACED, Pathway, PathwayStatus
from indicators.periods import Period
from votes.models import Participation, Poll, Proposal

YOUTH_ROLES = (Role.YOUTH, Role.LEADER)
THREE_MONTHS = datetime.timedelta(days=91)
SIX_MONTHS = datetime.timedelta(days=183)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_scope(queryset, scope, field: str = "section_id"):
    return queryset if scope is None else queryset.filter(**{f"{field}__in": scope})


def members(association, scope, period: Period) -> list[dict]:
    """Members by site, role, gender and birth year, at the end of the period and of the previous one."""
    queryset = Membership.objects.filter(association=association, user__erased_at__isnull=True)
    queryset = _in_scope(queryset, scope)
    return list(
        queryset.values("section_id", "role", gender=F("user__gender"), birth_year=F("user__birth_year"))
        .annotate(
            now=Count("id", filter=Q(joined_at__lt=period.end)),
            before=Count("id", filter=Q(joined_at__lt=period.start)),
        )
        .order_by()
    )


def _did_something(lo: datetime.date, hi: datetime.date) -> Q:
    """Voted (in a poll open in the window), registered, commented or told an activity in [lo, hi)."""
    user = OuterRef("user_id")
    start, end = _at(lo), _at(hi)
    return (
        Exists(Participation.objects.filter(member=user, poll__opens_at__lt=end, poll__closes_at__gte=start))
        | Exists(Registration.objects.filter(member=user, created_at__gte=start, created_at__lt=end))
        | Exists(Comment.objects.filter(author=user, created_at__gte=start, created_at__lt=end))
        | Exists(ActivityPage.objects.filter(author=user, date__gte=lo, date__lt=hi))
    )


def active_members(association, scope, period: Period) -> list[dict]:
    """Youths and leaders who did something in the last 30 and 90 days of the period (and of the previous)."""
    end, prev_end = period.end, period.start
    queryset = Membership.objects.filter(association=association, role__in=YOUTH_ROLES, user__erased_at__isnull=True)
    queryset = _in_scope(queryset, scope)
    day = datetime.timedelta(days=1)
    return list(
        queryset.values("section_id")
        .annotate(
            members=Count("id", filter=Q(joined_at__lt=end)),
            active30=Count("id", filter=_did_something(end - 30 * day, end)),
            active90=Count("id", filter=_did_something(end - 90 * day, end)),
            before90=Count("id", filter=_did_something(prev_end - 90 * day, prev_end)),
        )
        .order_by()
    )


def onboarding(association, scope, period: Period) -> list[dict]:
    """Members given a login code in the period → who logged in since → who are active (90 days)."""
    got_code = Exists(
        OneTimeCode.objects.filter(
            user=OuterRef("user_id"), created_at__gte=_at(period.start), created_at__lt=_at(period.end)
        )
    )
    active = _did_something(period.end - datetime.timedelta(days=90), period.end)
    queryset = _in_scope(Membership.objects.filter(association=association, user__erased_at__isnull=True), scope)
    return list(
        queryset.values("section_id")
        .annotate(
            issued=Count("id", filter=got_code),
            logged_in=Count("id", filter=got_code & Q(user__last_login__isnull=False)),
            active=Count("id", filter=got_code & Q(user__last_login__isnull=False) & active),
        )
        .order_by()
    )


def closed_polls(association, scope, period: Period, now: datetime.datetime):
    """Published polls closed within the period or the previous one; open polls never enter indicators,
    so no breakdown of a secret poll exists while it is open."""
    polls = Poll.objects.filter(
        association=association,
        published=True,
        closes_at__gte=_at(period.previous().start),
        closes_at__lt=min(_at(period.end), now),
    )
    if scope is not None:
        polls = polls.filter(Q(sections__isnull=True) | Q(sections__in=scope)).distinct()
    return polls


def polls_by_topic(polls, period: Period) -> list[dict]:
    current = Q(closes_at__gte=_at(period.start))
    delay = ExpressionWrapper(F("outcome_recorded_at") - F("closes_at"), output_field=DurationField())
    return list(
        Poll.objects.filter(pk__in=polls.values("pk"))
        .values("topic")
        .annotate(
            polls=Count("id", filter=current),
            with_outcome=Count("id", filter=current & Q(outcome_recorded_at__isnull=False)),
            delay=Avg(delay, filter=current & Q(outcome_recorded_at__isnull=False)),
            before=Count("id", filter=~current),
            before_with_outcome=Count("id", filter=~current & Q(outcome_recorded_at__isnull=False)),
        )
        .order_by()
    )


def poll_rows(polls, period: Period) -> list[dict]:
    """The polls closed in the period, with what eligibility needs (sections are fetched with them)."""
    return list(
        Poll.objects.filter(pk__in=polls.values("pk"), closes_at__gte=_at(period.start))
        .order_by("closes_at", "pk")
        .values("pk", "title", "topic", "opens_at", "closes_at", "eligible_roles", "min_age", "max_age", "secret")
    )


def poll_sections(poll_ids: list[int]) -> list[tuple[int, int]]:
    return list(Poll.sections.through.objects.filter(poll_id__in=poll_ids).values_list("poll_id", "section_id"))


def eligible_groups(association, scope) -> list[dict]:
    """Effective members by site, role, gender and birth year: eligibility of each poll is summed from these."""
    queryset = Membership.objects.effective().filter(association=association, user__erased_at__isnull=True)
    return list(
        _in_scope(queryset, scope)
        .values("section_id", "role", gender=F("user__gender"), birth_year=F("user__birth_year"))
        .annotate(n=Count("id"))
        .order_by()
    )


def voters_by_group(association, scope, poll_ids: list[int]) -> list[dict]:
    """Participations (never ballots) by poll and the voter's site, gender and birth year."""
    queryset = Participation.objects.filter(
        poll_id__in=poll_ids,
        member__memberships__association=association,
    )
    queryset = _in_scope(queryset, scope, "member__memberships__section_id")
    return list(
        queryset.values(
            "poll_id",
            section_id=F("member__memberships__section_id"),
            gender=F("member__gender"),
            birth_year=F("member__birth_year"),
        )
        .annotate(n=Count("id"))
        .order_by()
    )


def proposals(association, scope, period: Period) -> dict:
    youth_author = Exists(
        Membership.objects.filter(user=OuterRef("author_id"), association=association, role__in=YOUTH_ROLES)
    )
    queryset = Proposal.objects.filter(
        association=association, created_at__gte=_at(period.previous().start), created_at__lt=_at(period.end)
    ).filter(youth_author)
    queryset = _in_scope(queryset, scope)
    current = Q(created_at__gte=_at(period.start))
    return queryset.aggregate(
        made=Count("id", filter=current),
        became_options=Count("id", filter=current & Q(option__isnull=False)),
        before=Count("id", filter=~current),
    )


def activities(association, scope, period: Period) -> list[dict]:
    youth_author = Exists(
        Membership.objects.filter(user=OuterRef("author_id"), association=association, role__in=YOUTH_ROLES)
    )
    queryset = ActivityPage.objects.live().filter(
        association=association, date__gte=period.previous().start, date__lt=period.end
    )
    current = Q(date__gte=period.start)
    return list(
        _in_scope(queryset, scope)
        .values("section_id", "theme")
        .annotate(
            reports=Count("id", filter=current),
            by_youth=Count("id", filter=current & youth_author),
            before=Count("id", filter=~current),
        )
        .order_by()
    )


def photos(association, scope, period: Period) -> dict:
    queryset = ActivityPhoto.objects.filter(
        page__association=association, page__live=True, page__date__gte=period.start, page__date__lt=period.end
    )
    return _in_scope(queryset, scope, "page__section_id").aggregate(
        photos=Count("id"),
        with_people=Count("id", filter=Q(shows_people=True)),
        with_consent=Count("id", filter=Q(shows_people=True, consent_recorded=True)),
    )


def _events(association, scope, period: Period):
    queryset = Event.objects.filter(
        association=association,
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
        starts_at__gte=_at(period.previous().start),
        starts_at__lt=_at(period.end),
    )
    return queryset if scope is None else queryset.filter(Q(section__isnull=True) | Q(section_id__in=scope))


def events(association, scope, period: Period) -> list[dict]:
    current = Q(starts_at__gte=_at(period.start))
    return list(
        _events(association, scope, period)
        .values("section_id", "kind")
        .annotate(events=Count("id", filter=current), before=Count("id", filter=~current))
        .order_by()
    )


def registrations(association, scope, period: Period) -> list[dict]:
    queryset = Registration.objects.filter(
        event__in=_events(association, scope, period), event__starts_at__gte=_at(period.start)
    )
    return list(
        queryset.values(section_id=F("event__section_id"), kind=F("event__kind"))
        .annotate(
            confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
            checked_in=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False)),
            waitlisted=Count("id", filter=Q(status=RegistrationStatus.WAITLISTED)),
            cancelled=Count("id", filter=Q(status=RegistrationStatus.CANCELLED)),
        )
        .order_by()
    )


def _placed_within(delta: datetime.timedelta) -> Exists:
    limit = ExpressionWrapper(OuterRef("started_on") + delta, output_field=DateField())
    return Exists(
        Pathway.objects.filter(
            member=OuterRef("member_id"),
            status__in=PLACED,
            started_on__gte=OuterRef("started_on"),
            started_on__lte=limit,
        )
    )


def _due(period_start: datetime.date, period_end: datetime.date, window: datetime.timedelta, today) -> Q:
    """Seekers whose placement window closed within [period_start, period_end) and by today."""
    last = min(period_end - window, today - window + datetime.timedelta(days=1))
    return Q(started_on__gte=period_start - window, started_on__lt=last)


def placement_cohort(association, scope, period: Period, today: datetime.date) -> list[dict]:
    """Graduates seeking work, by site and gender: how many started seeking in the period, and of those
    whose 3- (6-) month window closed during the period, how many had been placed in an internship or a
    training within it. Measuring at the window's end keeps pending cases out of the rate."""
    previous = period.previous()
    queryset = Pathway.objects.filter(
        association=association,
        status=PathwayStatus.SEEKING,
        started_on__gte=previous.start - SIX_MONTHS,
        started_on__lt=period.end,
    )
    p3, p6 = _placed_within(THREE_MONTHS), _placed_within(SIX_MONTHS)
    due3 = _due(period.start, period.end, THREE_MONTHS, today)
    due6 = _due(period.start, period.end, SIX_MONTHS, today)
    before6 = _due(previous.start, previous.end, SIX_MONTHS, today)
    return list(
        _in_scope(queryset, scope)
        .values("section_id", gender=F("member__gender"))
        .annotate(
            seeking=Count("id", filter=Q(started_on__gte=period.start)),
            due3=Count("id", filter=due3),
            placed3=Count("id", filter=due3 & p3),
            due6=Count("id", filter=due6),
            placed6=Count("id", filter=due6 & p6),
            before_due6=Count("id", filter=before6),
            before_placed6=Count("id", filter=before6 & p6),
        )
        .order_by()
    )


def placements_by_sector(association, scope, period: Period) -> list[dict]:
    queryset = Pathway.objects.filter(
        association=association, status__in=PLACED, started_on__gte=period.start, started_on__lt=period.end
    )
    return list(_in_scope(queryset, scope).values("sector", "status").annotate(n=Count("id")).order_by())


def current_statuses(association, scope, day: datetime.date) -> list[dict]:
    """Each youth's latest pathway step started before `day`, counted by site and status."""
    from django.db.models import Subquery

    latest = Subquery(
        Pathway.objects.filter(member=OuterRef("member_id"), started_on__lt=day)
        .order_by("-started_on", "-id")
        .values("id")[:1]
    )
    queryset = Pathway.objects.filter(association=association, started_on__lt=day).filter(pk=latest)
    return list(_in_scope(queryset, scope).values("section_id", "status").annotate(n=Count("id")).order_by())
