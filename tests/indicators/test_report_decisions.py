"""Decision indicators against hand counts: turnout from participations only, never an open poll."""

import datetime

import pytest
from django.utils import timezone

from indicators.report import build_report
from tests.indicators.conftest import Q1, at, table
from tests.votes.conftest import build_poll
from votes.models import Ballot, Participation, Poll, Proposal

pytestmark = pytest.mark.django_db


def _closed(association, title, closes: datetime.date, **fields):
    poll = build_poll(association, state="closed", title=title, **fields)
    Poll.objects.filter(pk=poll.pk).update(opens_at=at(closes - datetime.timedelta(days=14)), closes_at=at(closes))
    return Poll.objects.get(pk=poll.pk)


def _vote(poll, people):
    Participation.objects.bulk_create(Participation(poll=poll, member=p) for p in people)


@pytest.fixture
def decisions(association, world, kita):
    poll = _closed(association, "Filières 2026", datetime.date(2026, 2, 15), topic="training")
    Poll.objects.filter(pk=poll.pk).update(
        outcome="Couture et mécanique", outcome_recorded_at=at(datetime.date(2026, 2, 18))
    )
    # 11 voters: Bamako 6 girls + 3 boys, Kita 2 young boys.
    _vote(poll, [*world["b_girls"], *world["b_boys"][:3], *world["k_young_boys"]])
    # Ballots never count: a pile of them changes nothing.
    Ballot.objects.bulk_create(Ballot(poll=poll, content=[1], receipt=f"R{i}") for i in range(40))
    earlier = _closed(association, "Budget fête", datetime.date(2025, 11, 20), topic="budget")
    _vote(earlier, world["k_boys"])
    # An open secret poll: its participations must appear nowhere.
    open_poll = build_poll(association, state="open", title="En cours", topic="internships", secret=True)
    _vote(open_poll, [*world["k_girls"], *world["k_boys"]])
    for i, youth in enumerate(world["b_boys"][:5]):
        Proposal.objects.create(
            poll=poll,
            author=youth,
            association=association,
            section=youth.memberships.get().section,
            text=f"Idée {i}",
            created_at=at(datetime.date(2026, 1, 20)),
            option=poll.options.all()[i] if i < 2 else None,
        )
    return poll


def test_turnout_per_poll_from_participations(association, decisions):
    rows = table(build_report(association=association, scope=None, period=Q1), "turnout_by_poll")
    assert rows == {"Filières 2026": [11, 24, 45.8]}  # 24 eligible youths and leaders; the open poll is absent


def test_turnout_by_site_gender_and_age(association, decisions):
    rows = table(build_report(association=association, scope=None, period=Q1), "turnout_by_group")
    assert rows["Bamako"] == [14, 64.3]  # 9 of 14
    assert rows["Kita"] == [10, None]  # 2 voters: hidden
    assert rows["female"] == [9, None]  # 6 of 9: 3 did not vote, hidden
    assert rows["male"] == [15, 33.3]  # 5 of 15
    assert rows["14–17"] == [11, None]  # 8 of 11: 3 did not vote
    assert rows["18–23"] == [13, None]  # 3 voters
    assert rows["Total"] == [24, 45.8]


def test_a_site_sees_its_own_voters_only(association, decisions, kita):
    rows = table(build_report(association=association, scope=[kita.pk], period=Q1), "turnout_by_poll")
    assert rows == {"Filières 2026": [None, 10, None]}  # 2 of Kita's 10


def test_polls_by_topic_outcomes_and_previous_period(association, decisions):
    rows = table(build_report(association=association, scope=None, period=Q1), "polls_by_topic")
    assert rows["training sectors"] == [1, 100.0, 3.0, 0]
    assert rows["budget"] == [0, None, None, 1]
    assert rows["internships"] == [0, None, None, 0]  # the open poll is not counted


def test_youth_proposals_and_those_that_became_options(association, decisions, staff):
    Proposal.objects.create(
        poll=decisions, author=staff, association=association, text="Staff", created_at=at(datetime.date(2026, 1, 21))
    )
    rows = table(build_report(association=association, scope=None, period=Q1), "proposals")
    assert rows == {"proposed": [5, 0], "became options": [None, None]}


def test_turnout_headline_compares_with_the_previous_quarter(association, decisions):
    headline = build_report(association=association, scope=None, period=Q1, now=timezone.now()).headlines[2]
    # Q1: 11 of 24; Q4 2025: the budget poll, 5 of 24.
    assert (headline.value, headline.previous) == (45.8, 20.8)


def test_csv_export_escapes_formulas_and_shows_hidden_cells(client, association, decisions, staff):
    _closed(association, '=HYPERLINK("http://x")', datetime.date(2026, 3, 1))
    client.force_login(staff)
    response = client.get("/indicateurs/turnout_by_poll.csv?period=quarter&date=2026-02-01")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    assert "Filières 2026,9,14,64.3 %" in body  # Bamako staff: their 9 voters of 14
