"""votes.selectors.poll_for_viewer: the one read of a poll for a viewer, used by page, API and socket."""

import pytest

from config.errors import NotFound
from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes import selectors
from votes.models import Poll
from votes.services import ballot_cast


def test_visible_poll_comes_with_its_options(make_poll, youth):
    poll = make_poll()
    got = selectors.poll_for_viewer(youth, poll.pk)
    assert got == poll and [o.pk for o in got.options.all()] == option_ids(poll)


@pytest.mark.parametrize(
    "who, kwargs",
    [
        ("youth", {"sections": "kita"}),  # another section of the same association
        ("youth", {"state": "draft"}),  # someone else's draft
        ("foreign_staff", {}),  # another association
        ("member", {}),  # no association at all
    ],
)
def test_invisible_poll_is_not_found(request, make_poll, kita, who, kwargs):
    if kwargs.get("sections") == "kita":
        kwargs = {"sections": [kita]}
    poll = make_poll(**kwargs)
    with pytest.raises(NotFound):
        selectors.poll_for_viewer(request.getfixturevalue(who), poll.pk)


def test_missing_poll_is_not_found_like_an_invisible_one(youth):
    with pytest.raises(NotFound):
        selectors.poll_for_viewer(youth, 999999)


def test_to_vote_lets_a_member_learn_why_but_never_shows_a_draft(make_poll, kita, youth, foreign_staff):
    other_section = make_poll(sections=[kita])
    assert selectors.poll_for_viewer(youth, other_section.pk, to_vote=True) == other_section
    for poll, viewer in ((make_poll(state="draft"), youth), (make_poll(), foreign_staff)):
        with pytest.raises(NotFound):
            selectors.poll_for_viewer(viewer, poll.pk, to_vote=True)


@pytest.mark.parametrize("case", ["missing", "other_section", "draft", "other_association"])
def test_page_and_api_answer_the_same_for_the_same_poll(client, api_client, make_poll, kita, youth, elsewhere, case):
    poll_id = {
        "missing": lambda: 999999,
        "other_section": lambda: make_poll(sections=[kita]).pk,
        "draft": lambda: make_poll(state="draft").pk,
        "other_association": lambda: make_poll(association=elsewhere.association).pk,
    }[case]()
    client.force_login(youth)
    api_client.force_authenticate(youth)
    reads = [
        (client.get(f"/sondages/{poll_id}/"), api_client.get(f"/api/v1/polls/{poll_id}/")),
        (client.get(f"/sondages/{poll_id}/recus/"), api_client.get(f"/api/v1/polls/{poll_id}/receipts/")),
    ]
    for page, api in reads:
        assert page.status_code == api.status_code == 404
    choice = {"choices": [1]}
    vote_page = client.post(f"/sondages/{poll_id}/voter/", choice)
    vote_api = api_client.post(f"/api/v1/polls/{poll_id}/vote/", choice, format="json")
    # A member of the association is told why they may not vote in another section's poll (403), and
    # learns nothing of the others (404): the page and the API agree.
    expected = 403 if case == "other_section" else 404
    assert vote_page.status_code == vote_api.status_code == expected
    assert not Poll.objects.filter(pk=poll_id, participations__isnull=False).exists()


def test_receipt_pages_are_cut_by_the_selector_for_page_and_api(client, api_client, make_poll, youth, monkeypatch):
    poll = make_poll()
    section = youth.memberships.get().section
    for _ in range(3):
        ballot_cast(poll=poll, user=member_of(section), choices=[option_ids(poll)[0]])
    mix_now(close_now(poll))
    monkeypatch.setattr(selectors, "RECEIPTS_PER_PAGE", 2)
    client.force_login(youth)
    api_client.force_authenticate(youth)
    first = api_client.get(f"/api/v1/polls/{poll.pk}/receipts/").json()
    second = api_client.get(f"/api/v1/polls/{poll.pk}/receipts/", {"page": "2"}).json()
    assert (len(first["receipts"]), len(second["receipts"]), first["count"]) == (2, 1, 3)
    page_one = client.get(f"/sondages/{poll.pk}/recus/").content.decode()
    page_two = client.get(f"/sondages/{poll.pk}/recus/", {"page": "2"}).content.decode()
    assert all(code in page_one for code in first["receipts"]) and "page=2" in page_one
    assert second["receipts"][0] in page_two and "page=3" not in page_two
    assert api_client.get(f"/api/v1/polls/{poll.pk}/receipts/", {"page": "x"}).json()["page"] == 1
