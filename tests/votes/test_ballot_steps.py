"""The ballot as a member lives it: a mistake keeps every choice, a review step before the vote is cast
(no JavaScript), no "winner" while the poll is open, and live results after voting by default."""

import csv
import io
import re
from html import unescape

import pytest

from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes import rules
from votes.models import Kind, Participation, SealedBallot, Visibility
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db


def selected_ranks(html: str) -> dict[str, str]:
    """{select name: selected value} of the ballot's rank selects."""
    found = {}
    for name, body in re.findall(r'<select name="(rank-\d+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="(\d+)" selected>', body)
        found[name] = chosen.group(1) if chosen else ""
    return found


def checked(html: str) -> list[str]:
    return re.findall(r'name="choices" value="(\d+)" checked', html)


def test_a_ranked_ballot_with_a_duplicate_rank_comes_back_with_every_rank(client, make_poll, youth):
    poll = make_poll(kind=Kind.RANKED)
    a, b, c, d = option_ids(poll)
    client.force_login(youth)
    posted = {f"rank-{a}": "1", f"rank-{b}": "1", f"rank-{c}": "2", "step": "review"}
    response = client.post(f"/sondages/{poll.pk}/voter/", posted)
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html
    assert selected_ranks(html) == {f"rank-{a}": "1", f"rank-{b}": "1", f"rank-{c}": "2", f"rank-{d}": ""}
    assert not Participation.objects.exists()


def test_too_many_ticks_come_back_ticked(client, make_poll, youth):
    poll = make_poll(kind=Kind.MULTIPLE, max_choices=2)
    ids = option_ids(poll)
    client.force_login(youth)
    response = client.post(f"/sondages/{poll.pk}/voter/", {"choices": ids[:3], "step": "review"})
    assert response.status_code == 400
    assert checked(response.content.decode()) == [str(i) for i in ids[:3]]


def test_review_then_change_then_confirm(client, make_poll, youth):
    poll = make_poll(kind=Kind.RANKED)
    a, b, c, d = option_ids(poll)
    client.force_login(youth)
    url = f"/sondages/{poll.pk}/voter/"
    form = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert 'name="step" value="review"' in form  # the ballot's button leads to the review, not the vote
    review = client.post(url, {f"rank-{c}": "1", f"rank-{a}": "2", "step": "review"})
    html = review.content.decode()
    assert review.status_code == 200 and "Vérifie ton vote" in html
    assert re.findall(r"<li>([^<]+)</li>", html.split('id="review"')[1].split("</section>")[0]) == [
        "Informatique",
        "Couture",
    ]
    assert f'name="rank-{c}" value="1"' in html and f'name="rank-{a}" value="2"' in html
    assert not Participation.objects.exists() and not SealedBallot.objects.exists()  # nothing cast yet
    # "Modifier" brings the filled ballot back.
    edit = client.post(url, {f"rank-{c}": "1", f"rank-{a}": "2", "step": "edit"})
    assert edit.status_code == 200
    assert selected_ranks(edit.content.decode()) == {
        f"rank-{a}": "2",
        f"rank-{b}": "",
        f"rank-{c}": "1",
        f"rank-{d}": "",
    }
    assert not Participation.objects.exists()
    confirm = client.post(url, {f"rank-{c}": "1", f"rank-{a}": "2", "step": "confirm"})
    assert confirm.status_code == 200 and 'id="receipt"' in confirm.content.decode()
    mix_now(poll)
    assert Participation.objects.filter(member=youth).count() == 1
    from votes.models import Ballot

    assert Ballot.objects.get().content == [c, a]


def test_review_refuses_what_the_vote_would_refuse(client, make_poll, staff, youth):
    poll = make_poll(eligible_roles=["youth"])
    client.force_login(staff)
    refused = client.post(f"/sondages/{poll.pk}/voter/", {"choices": [option_ids(poll)[0]], "step": "review"})
    assert refused.status_code == 403 and "Vérifie ton vote" not in refused.content.decode()
    client.force_login(youth)
    empty = client.post(f"/sondages/{poll.pk}/voter/", {"step": "review"})
    assert empty.status_code == 400 and "Vérifie ton vote" not in empty.content.decode()


def _cast(poll, section, n, choice=0):
    for _ in range(n):
        ballot_cast(poll=poll, user=member_of(section), choices=[option_ids(poll)[choice]])
    mix_now(poll)


def test_no_winner_while_open_only_who_leads(client, make_poll, bamako, youth, staff):
    poll = make_poll(results_visibility=Visibility.LIVE, results_after_voting=False)
    _cast(poll, bamako, 5, choice=1)
    client.force_login(youth)
    html = unescape(client.get(f"/sondages/{poll.pk}/").content.decode())
    assert 'id="results"' in html and "En tête pour l'instant" in html
    assert "Gagnant" not in html and "gagnant" not in html
    client.force_login(staff)
    sheet = client.get(f"/api/v1/polls/{poll.pk}/results.csv").content.decode()
    cells = [cell for row in csv.reader(io.StringIO(sheet)) for cell in row]
    assert "En tête pour l'instant" in cells and "Gagnant" not in cells
    close_now(poll)
    client.force_login(youth)
    closed = unescape(client.get(f"/sondages/{poll.pk}/").content.decode())
    assert "Gagnant" in closed and "En tête" not in closed


def test_live_results_wait_for_the_members_own_vote_by_default(client, api_client, make_poll, bamako, youth, staff):
    poll = make_poll(results_visibility=Visibility.LIVE)
    assert poll.results_after_voting is True
    _cast(poll, bamako, 5)
    client.force_login(youth)
    before = unescape(client.get(f"/sondages/{poll.pk}/").content.decode())
    assert 'id="results"' not in before and "Vote d'abord" in before and "après la clôture" not in before
    api_client.force_authenticate(youth)
    assert api_client.get(f"/api/v1/polls/{poll.pk}/results/").status_code == 403
    assert not rules.live_results_public(poll, 5)  # the socket does not know who voted: it pushes none
    client.force_login(staff)
    assert 'id="results"' in client.get(f"/sondages/{poll.pk}/").content.decode()  # staff are not concerned
    client.force_login(youth)
    client.post(f"/sondages/{poll.pk}/voter/", {"choices": [option_ids(poll)[0]], "step": "confirm"})
    assert 'id="results"' in client.get(f"/sondages/{poll.pk}/").content.decode()
    assert api_client.get(f"/api/v1/polls/{poll.pk}/results/").status_code == 200


def test_a_member_who_cannot_vote_is_not_held_back(make_poll, bamako, kita_youth):
    poll = make_poll(results_visibility=Visibility.LIVE, sections=[bamako])
    _cast(poll, bamako, 5)
    poll.refresh_from_db()
    # kita_youth cannot see a Bamako-only poll at all; a Bamako leader whose role may not vote can.
    leader = member_of(bamako, "leader")
    poll.eligible_roles = ["youth"]
    poll.save()
    assert rules.results_visible(leader, poll, 5)
    assert not rules.results_visible(kita_youth, poll, 5)


def test_few_ballots_of_a_live_poll_say_when_results_appear(client, make_poll, bamako, youth):
    poll = make_poll(results_visibility=Visibility.LIVE, results_after_voting=False)
    _cast(poll, bamako, 4)
    client.force_login(youth)
    html = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert 'id="results"' not in html
    assert "après la clôture" not in html and "dès que 5 bulletins seront comptés" in html
    after_close = make_poll(results_visibility=Visibility.AFTER_CLOSE)
    assert "après la clôture" in client.get(f"/sondages/{after_close.pk}/").content.decode()


def test_the_option_through_the_api(api_client, association, bamako, staff):
    api_client.force_authenticate(staff)
    body = {
        "title": "Sortie",
        "question": "Où aller ?",
        "options": ["Parc", "Musée"],
        "opens_at": "2030-01-01T10:00:00Z",
        "closes_at": "2030-01-08T10:00:00Z",
        "results_visibility": "live",
    }
    created = api_client.post("/api/v1/polls/", body, format="json")
    assert created.status_code == 201 and created.json()["results_after_voting"] is True
    poll_id = created.json()["id"]
    patched = api_client.patch(f"/api/v1/polls/{poll_id}/", {"results_after_voting": False}, format="json")
    assert patched.status_code == 200 and patched.json()["results_after_voting"] is False


def test_a_refused_proposal_comes_back_as_typed(client, make_poll, youth):
    poll = make_poll(state="scheduled", accepts_proposals=True)
    client.force_login(youth)
    text = "Atelier de menuiserie et de soudure " * 6  # over 200 characters
    response = client.post(f"/sondages/{poll.pk}/propositions/", {"text": text})
    html = unescape(response.content.decode())
    assert response.status_code == 400 and 'role="alert"' in html and f'value="{text}"' in html
    assert not poll.proposals.exists()
