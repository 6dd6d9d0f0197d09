"""The polls API: shapes, errors (never a 500), and the permission matrix per role."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes.models import Ballot, Kind, Option, Participation, Poll, Proposal, SealedBallot, Visibility
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "youth", "leader", "staff", "kita_staff", "foreign_staff", "admin"]


@pytest.fixture
def people(youth, leader, staff, kita_staff, foreign_staff, admin):
    return {
        "visitor": None,
        "youth": youth,
        "leader": leader,
        "staff": staff,
        "kita_staff": kita_staff,
        "foreign_staff": foreign_staff,
        "admin": admin,
    }


def as_(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


def test_detail_shape(api_client, make_poll, youth):
    poll = make_poll(kind=Kind.RANKED)
    body = as_(api_client, youth).get(f"/api/v1/polls/{poll.pk}/").json()
    assert body["state"] == "open" and body["eligible"] is True and body["has_voted"] is False
    assert [o["id"] for o in body["options"]] == option_ids(poll)
    api_client.post(f"/api/v1/polls/{poll.pk}/vote/", {"ranking": option_ids(poll)[:2]}, format="json")
    assert api_client.get(f"/api/v1/polls/{poll.pk}/").json()["has_voted"] is True


def test_vote_statuses(api_client, make_poll, youth, kita_youth, kita):
    poll = make_poll()
    url = f"/api/v1/polls/{poll.pk}/vote/"
    client = as_(api_client, youth)
    assert client.post(url, {"choices": []}, format="json").status_code == 400
    assert client.post(url, {"choices": "x"}, format="json").status_code == 400
    assert client.post(url, {"ranking": [1]}, format="json").status_code == 400
    assert client.post(url, [1, 2], format="json").status_code == 400
    assert client.post(url, "{", content_type="application/json").status_code == 400
    response = client.post(url, {"choices": [option_ids(poll)[0]]}, format="json")
    assert response.status_code == 201 and len(response.json()["receipt"]) == 11
    again = client.post(url, {"choices": [option_ids(poll)[1]]}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_voted"
    kita_only = make_poll(sections=[kita])
    refused = client.post(f"/api/v1/polls/{kita_only.pk}/vote/", {"choices": [option_ids(kita_only)[0]]}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["message"]
    closed = make_poll(state="closed")
    late = client.post(f"/api/v1/polls/{closed.pk}/vote/", {"choices": [option_ids(closed)[0]]}, format="json")
    assert late.status_code == 409
    assert SealedBallot.objects.count() == Participation.objects.count() == 1 and not Ballot.objects.exists()


def test_results_endpoint(api_client, make_poll, bamako, youth):
    poll = make_poll(results_visibility=Visibility.AFTER_CLOSE)
    for _ in range(5):
        ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[2]])
    url = f"/api/v1/polls/{poll.pk}/results/"
    assert as_(api_client, youth).get(url).status_code == 403
    close_now(poll)
    body = api_client.get(url).json()
    assert body["turnout"] == {"voted": 5, "eligible": 6}  # the five voters and `youth`
    assert [o["votes"] for o in body["options"]] == [0, 0, 5]
    assert body["winner"] == option_ids(poll)[2] and body["quorum_reached"] is True and body["rounds"] == []


def test_receipts_after_closing(api_client, make_poll, youth):
    poll = make_poll()
    receipt = (
        as_(api_client, youth)
        .post(f"/api/v1/polls/{poll.pk}/vote/", {"choices": [option_ids(poll)[0]]}, format="json")
        .json()["receipt"]
    )
    url = f"/api/v1/polls/{poll.pk}/receipts/"
    assert api_client.get(url).status_code == 409
    close_now(poll)
    body = api_client.get(url, {"code": receipt.lower()}).json()
    assert body["receipts"] == [receipt] and body["counted"] is True and body["count"] == 1
    assert api_client.get(url, {"code": "AAAAA-AAAAA"}).json()["counted"] is False


def test_create_and_patch(api_client, association, bamako, leader, staff, youth):
    start = timezone.now() + datetime.timedelta(days=1)
    payload = {
        "title": "Filières 2027",
        "question": "Quelles filières ?",
        "kind": "multiple",
        "options": ["Couture", "Soudure", "Informatique"],
        "opens_at": start.isoformat(),
        "closes_at": (start + datetime.timedelta(days=7)).isoformat(),
        "sections": [bamako.pk],
        "max_choices": 2,
        "created_by": youth.pk,
        "published": True,
    }
    assert as_(api_client, youth).post("/api/v1/polls/", payload, format="json").status_code == 403
    response = as_(api_client, leader).post("/api/v1/polls/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    poll = Poll.objects.get(pk=body["id"])
    assert poll.created_by == leader and not poll.published and body["state"] == "draft"
    assert body["sections"] == [bamako.pk] and len(body["options"]) == 3
    url = f"/api/v1/polls/{poll.pk}/"
    assert api_client.patch(url, {"published": True}, format="json").status_code == 403
    assert api_client.patch(url, {"secret": False}, format="json").status_code == 400
    assert api_client.patch(url, {"title": "Filières 2027-2028"}, format="json").status_code == 200
    assert as_(api_client, staff).patch(url, {"published": True}, format="json").json()["state"] == "scheduled"
    bad = api_client.post("/api/v1/polls/", {**payload, "closes_at": start.isoformat()}, format="json")
    assert bad.status_code == 400


def test_csv_export_escapes_formulas(api_client, make_poll, bamako, staff, youth):
    poll = make_poll(labels=["=HYPERLINK(1)", "+1", "Normal"])
    for _ in range(5):
        ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[0]])
    close_now(poll)
    url = f"/api/v1/polls/{poll.pk}/results.csv"
    assert as_(api_client, youth).get(url).status_code == 403
    response = as_(api_client, staff).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(1)" in cells and "'+1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_proposals(api_client, make_poll, youth, staff):
    poll = make_poll(state="scheduled", accepts_proposals=True)
    url = f"/api/v1/polls/{poll.pk}/proposals/"
    created = as_(api_client, youth).post(url, {"text": "Menuiserie"}, format="json")
    assert created.status_code == 201
    proposal_id = created.json()["id"]
    assert api_client.post(f"{url}{proposal_id}/accept/").status_code == 403
    accepted = as_(api_client, staff).post(f"{url}{proposal_id}/accept/")
    assert accepted.status_code == 200 and Option.objects.filter(poll=poll, label="Menuiserie").exists()
    assert Proposal.objects.get().option_id == accepted.json()["id"]


def _status(api_client, people, role, method, url, data=None):
    client = as_(api_client, people[role])
    return getattr(client, method)(url, data, format="json").status_code


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(api_client, make_poll, people, role, bamako):
    """method × role × endpoint → status, on an open poll of the Bamako section."""
    poll = make_poll(sections=[bamako], results_visibility=Visibility.LIVE)
    for _ in range(5):
        ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[0]])
    mix_now(poll)  # what the after-commit hook of the fifth vote does
    closed = make_poll(sections=[bamako], state="closed")
    draft = make_poll(sections=[bamako], state="draft")
    expected = {
        #                 visitor youth leader staff kita_staff foreign admin
        "detail": dict(zip(ROLES, [401, 200, 200, 200, 200, 404, 200], strict=True)),
        "draft": dict(zip(ROLES, [401, 404, 404, 200, 200, 404, 200], strict=True)),
        "vote": dict(zip(ROLES, [401, 201, 201, 403, 403, 404, 403], strict=True)),
        "results": dict(zip(ROLES, [401, 200, 200, 200, 200, 404, 200], strict=True)),
        "outcome": dict(zip(ROLES, [401, 403, 403, 200, 403, 404, 200], strict=True)),
        "export": dict(zip(ROLES, [401, 403, 403, 200, 403, 404, 200], strict=True)),
        "publish": dict(zip(ROLES, [401, 404, 404, 200, 403, 404, 200], strict=True)),
    }
    got = {
        "detail": _status(api_client, people, role, "get", f"/api/v1/polls/{poll.pk}/"),
        "draft": _status(api_client, people, role, "get", f"/api/v1/polls/{draft.pk}/"),
        "vote": _status(
            api_client, people, role, "post", f"/api/v1/polls/{poll.pk}/vote/", {"choices": [option_ids(poll)[1]]}
        ),
        "results": _status(api_client, people, role, "get", f"/api/v1/polls/{poll.pk}/results/"),
        "outcome": _status(
            api_client, people, role, "post", f"/api/v1/polls/{closed.pk}/outcome/", {"outcome": "Décidé"}
        ),
        "export": _status(api_client, people, role, "get", f"/api/v1/polls/{poll.pk}/results.csv"),
        "publish": _status(api_client, people, role, "patch", f"/api/v1/polls/{draft.pk}/", {"published": True}),
    }
    assert got == {name: statuses[role] for name, statuses in expected.items()}


@pytest.mark.parametrize("role", ROLES)
def test_list_matches_detail_policy(api_client, make_poll, people, role, bamako, kita):
    polls = [
        make_poll(sections=[bamako]),
        make_poll(sections=[kita]),
        make_poll(),
        make_poll(state="draft"),
    ]
    response = as_(api_client, people[role]).get("/api/v1/polls/")
    if role == "visitor":
        assert response.status_code == 401
        return
    listed = {p["id"] for p in response.json()["results"]}
    visible = {p.pk for p in polls if api_client.get(f"/api/v1/polls/{p.pk}/").status_code == 200}
    assert listed == visible


def test_schema_lists_the_polls_endpoints(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in [
        "/api/v1/polls/",
        "/api/v1/polls/{poll_id}/",
        "/api/v1/polls/{poll_id}/vote/",
        "/api/v1/polls/{poll_id}/results/",
        "/api/v1/polls/{poll_id}/receipts/",
        "/api/v1/polls/{poll_id}/outcome/",
        "/api/v1/polls/{poll_id}/proposals/",
        "/api/v1/polls/{poll_id}/results.csv",
    ]:
        assert path in schema["paths"], path


def _keys(value) -> set[str]:
    """Every key anywhere in a JSON body."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


@pytest.mark.parametrize("kind", [Kind.SINGLE, Kind.RANKED])
def test_open_poll_results_say_leading_never_winner(api_client, make_poll, bamako, youth, kind):
    poll = make_poll(kind=kind, results_visibility=Visibility.LIVE)
    first = option_ids(poll)[0]
    for _ in range(5):
        if kind == Kind.RANKED:
            ballot_cast(poll=poll, user=member_of(bamako), ranking=[first])
        else:
            ballot_cast(poll=poll, user=member_of(bamako), choices=[first])
    mix_now(poll)
    url = f"/api/v1/polls/{poll.pk}/results/"
    # Same rule as the page: a member who may still vote sees live results only once they have voted.
    refused = as_(api_client, youth).get(url)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "results_hidden"
    if kind == Kind.RANKED:
        ballot_cast(poll=poll, user=youth, ranking=[first])
    else:
        ballot_cast(poll=poll, user=youth, choices=[first])
    body = api_client.get(url).json()
    assert body["leading"] == first
    assert not any("winner" in key for key in _keys(body))
    close_now(poll)
    mix_now(poll)
    closed = api_client.get(url).json()
    assert closed["winner"] == first and "leading" not in closed
