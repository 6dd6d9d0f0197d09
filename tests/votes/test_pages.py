"""Poll pages: ballot forms without JavaScript, receipt, results, outcome, budgets and pinned query counts."""

import re

import pytest

from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from tests.factories import member_of
from tests.votes.conftest import close_now, mix_now, option_ids
from votes.models import Ballot, Kind, Participation, Visibility
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_login(client, make_poll):
    poll = make_poll()
    response = client.get(f"/sondages/{poll.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_section_and_other_association_get_404(client, make_poll, kita, youth, foreign_staff):
    poll = make_poll(sections=[kita])
    client.force_login(youth)
    assert client.get(f"/sondages/{poll.pk}/").status_code == 404
    client.force_login(foreign_staff)
    assert client.get(f"/sondages/{make_poll().pk}/").status_code == 404


def test_single_choice_vote_shows_the_receipt_without_redirect(client, make_poll, youth):
    poll = make_poll()
    client.force_login(youth)
    page = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert 'type="radio" name="choices"' in page
    response = client.post(f"/sondages/{poll.pk}/voter/", {"choices": [option_ids(poll)[1]]})
    assert response.status_code == 200
    html = response.content.decode()
    mix_now(poll)
    code = Ballot.objects.get().receipt
    assert f"{code[:5]}-{code[5:]}" in html and "Mécanique" in html
    # The receipt never goes through the session (it would sit next to the member's identity).
    assert code not in str(dict(client.session))
    assert "Tu as voté" in client.get(f"/sondages/{poll.pk}/").content.decode()
    again = client.post(f"/sondages/{poll.pk}/voter/", {"choices": [option_ids(poll)[0]]})
    assert again.status_code == 409 and 'role="alert"' in again.content.decode()


def test_ranked_ballot_with_selects(client, make_poll, youth):
    poll = make_poll(kind=Kind.RANKED)
    a, b, c, d = option_ids(poll)
    client.force_login(youth)
    page = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert page.count("<select") == 4
    duplicate = client.post(f"/sondages/{poll.pk}/voter/", {f"rank-{a}": "1", f"rank-{b}": "1"})
    assert duplicate.status_code == 400 and not Ballot.objects.exists()
    empty = client.post(f"/sondages/{poll.pk}/voter/", {f"rank-{a}": "", f"rank-{b}": ""})
    assert empty.status_code == 400
    response = client.post(f"/sondages/{poll.pk}/voter/", {f"rank-{c}": "1", f"rank-{a}": "2", f"rank-{d}": ""})
    assert response.status_code == 200
    mix_now(poll)
    assert Ballot.objects.get().content == [c, a]


def test_multiple_choice_with_checkboxes(client, make_poll, youth):
    poll = make_poll(kind=Kind.MULTIPLE, max_choices=2)
    ids = option_ids(poll)
    client.force_login(youth)
    assert 'type="checkbox"' in client.get(f"/sondages/{poll.pk}/").content.decode()
    too_many = client.post(f"/sondages/{poll.pk}/voter/", {"choices": ids[:3]})
    assert too_many.status_code == 400
    assert client.post(f"/sondages/{poll.pk}/voter/", {"choices": ids[:2]}).status_code == 200
    assert Participation.objects.count() == 1


def test_ineligible_member_sees_why(client, make_poll, staff):
    poll = make_poll(eligible_roles=["youth"])
    client.force_login(staff)
    html = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert '<form method="post" action="/sondages/' not in html.split("Staff")[0]
    assert client.post(f"/sondages/{poll.pk}/voter/", {"choices": [option_ids(poll)[0]]}).status_code == 403


def test_closed_ranked_poll_shows_rounds_outcome_and_receipts(client, make_poll, bamako, youth, staff):
    poll = make_poll(kind=Kind.RANKED)
    a, b, c, d = option_ids(poll)
    codes = []
    for ranking in ([a, b], [a], [b, c], [c, b], [d, c, b]):
        codes.append(ballot_cast(poll=poll, user=member_of(bamako), ranking=ranking).display)
    close_now(poll)
    client.force_login(staff)
    response = client.post(f"/sondages/{poll.pk}/decision/", {"outcome": "Nous ouvrons la filière informatique."})
    assert response.status_code == 302
    client.force_login(youth)
    html = client.get(f"/sondages/{poll.pk}/").content.decode()
    assert "Nous ouvrons la filière informatique." in html
    assert "<table>" in html and html.count('<th scope="col">') == 4  # option + 3 rounds
    assert re.search(r'class="w100"', html)
    receipts = client.get(f"/sondages/{poll.pk}/recus/", {"code": codes[0].lower()}).content.decode()
    assert all(code in receipts for code in codes) and 'id="check"' in receipts
    assert "decision/" not in html  # the outcome form is for staff


def test_results_hidden_while_open_after_close(client, make_poll, bamako, youth):
    poll = make_poll(results_visibility=Visibility.AFTER_CLOSE)
    for _ in range(6):
        ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[0]])
    client.force_login(youth)
    assert 'id="results"' not in client.get(f"/sondages/{poll.pk}/").content.decode()
    close_now(poll)
    assert 'id="results"' in client.get(f"/sondages/{poll.pk}/").content.decode()


def test_list_shows_only_what_the_member_may_see(client, make_poll, kita, youth):
    visible = make_poll(title="Pour tous")
    hidden = make_poll(title="Pour Kita", sections=[kita])
    make_poll(title="Brouillon", state="draft")
    closed = make_poll(title="Fini", state="closed")
    client.force_login(youth)
    html = client.get("/sondages/").content.decode()
    assert visible.title in html and closed.title in html
    assert hidden.title not in html and "Brouillon" not in html


def _ballots(poll, section, n):
    for _ in range(n):
        ballot_cast(poll=poll, user=member_of(section), ranking=option_ids(poll)[:2])
    mix_now(poll)


@pytest.mark.parametrize("page", ["detail", "list", "receipts"])
def test_query_counts_do_not_grow_with_ballots(client, make_poll, bamako, youth, django_assert_num_queries, page):
    poll = make_poll(kind=Kind.RANKED, results_visibility=Visibility.LIVE)
    url = {"detail": f"/sondages/{poll.pk}/", "list": "/sondages/", "receipts": f"/sondages/{poll.pk}/recus/"}[page]
    # receipts: one more query than before sealed ballots, to mix what still waits after closing; detail and
    # receipts read the poll with its options, sections and the viewer's participation in one query; the
    # header's site and unread count come from the cache
    expected = {"detail": 4, "list": 6, "receipts": 7}[page]
    _ballots(poll, bamako, 6)
    if page == "receipts":
        close_now(poll)
    client.force_login(youth)
    client.get(url)  # warm the results cache like any second visitor
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _ballots(poll, bamako, 54) if page != "receipts" else Ballot.objects.bulk_create(
        Ballot(poll=poll, content=[option_ids(poll)[0]], receipt=f"X{i:09d}") for i in range(54)
    )
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("kind", [Kind.SINGLE, Kind.RANKED])
def test_pages_fit_the_budget(client, make_poll, bamako, youth, staff, kind):
    poll = make_poll(kind=kind, results_visibility=Visibility.LIVE)
    for _ in range(5):
        ballot_cast(
            poll=poll, user=member_of(bamako), ranking=option_ids(poll)
        ) if kind == Kind.RANKED else ballot_cast(poll=poll, user=member_of(bamako), choices=[option_ids(poll)[0]])
    mix_now(poll)
    client.force_login(youth)
    for url in (f"/sondages/{poll.pk}/", "/sondages/"):
        html = client.get(url).content
        assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES, url
        assert external_urls(html.decode()) == []
    close_now(poll)
    client.force_login(staff)
    html = client.get(f"/sondages/{poll.pk}/").content
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES


def test_nav_and_home(client, make_poll, youth, site_tree):
    poll = make_poll(title="Filières de formation")
    assert 'href="/sondages/"' not in client.get("/").content.decode()
    client.force_login(youth)
    html = client.get("/").content.decode()
    assert 'href="/sondages/"' in html and poll.title in html


def test_proposal_form_during_the_proposal_phase(client, make_poll, youth, association):
    poll = make_poll(state="scheduled", accepts_proposals=True)
    client.force_login(youth)
    assert 'name="text"' in client.get(f"/sondages/{poll.pk}/").content.decode()
    response = client.post(f"/sondages/{poll.pk}/propositions/", {"text": "Menuiserie"}, follow=True)
    assert response.status_code == 200
    assert poll.proposals.get().text == "Menuiserie"
    assert "Menuiserie" in response.content.decode()  # the author sees their own proposal, even held
    closed = make_poll(state="closed", accepts_proposals=True)
    refused = client.post(f"/sondages/{closed.pk}/propositions/", {"text": "Trop tard"}, follow=True)
    assert refused.status_code == 200 and not closed.proposals.exists()
