"""What the queue costs with activity reports and poll drafts in it: the same queries with 1× and 10× the
items, and the phone budget with a full first page; and the staff menu's links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from cms.services.workflow import ensure_association_pages, ensure_workflow
from moderation.content import ModerationStatus
from tests.cms.conftest import submit
from tests.moderation.conftest import make_comment  # noqa: F401 (fixture)
from tests.votes.conftest import build_poll
from votes.models import Kind

pytestmark = pytest.mark.django_db

# The phone page with approvals: session, memberships, queue count and page, reports of the page, and per
# approval source a count, its items and what they carry (reports: revisions, images; polls: options,
# sections). Recorded here so a query per item shows up as a failure, not as a slower page.
QUEUE_QUERIES = 15
API_QUERIES = 11


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(site_tree, association, bamako, kita, staff):
    ensure_workflow(association)
    return ensure_association_pages(association)[1]


def add_items(n, *, association, youth, leader, bamako, make_comment, text="Nous avons nettoyé le quartier."):  # noqa: F811
    for number in range(n):
        submit(youth, bamako, photos=2, title=f"Récit {number}", text=text)
        build_poll(association, kind=Kind.RANKED, state="draft", title=f"Sondage {number}", created_by=leader)
        build_poll(association, state="draft", title=f"Bamako {number}", created_by=leader, sections=[bamako])
        make_comment(youth, status=ModerationStatus.PENDING)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_page_and_api_queries_do_not_grow_with_the_items(
    client,
    tree,
    association,
    youth,
    leader,
    bamako,
    staff,
    make_comment,  # noqa: F811
):
    add_items(1, association=association, youth=youth, leader=leader, bamako=bamako, make_comment=make_comment)
    client.force_login(staff)
    count_queries(client, "/moderation/")  # warms the caches every page shares
    small = count_queries(client, "/moderation/")
    small_api = count_queries(client, "/api/v1/moderation/approvals/")
    add_items(9, association=association, youth=youth, leader=leader, bamako=bamako, make_comment=make_comment)
    html = client.get("/moderation/").content.decode()
    assert html.count('id="cmsactivitypage') == 10 and html.count('id="votespoll') == 20
    assert count_queries(client, "/moderation/") == small == QUEUE_QUERIES
    assert count_queries(client, "/api/v1/moderation/approvals/") == small_api == API_QUERIES


def test_a_full_queue_fits_the_phone_budget(
    client,
    tree,
    association,
    youth,
    leader,
    bamako,
    staff,
    make_comment,  # noqa: F811
):
    long_text = "Nous avons nettoyé le quartier avec les jeunes du site et les voisins. " * 20
    add_items(
        20,
        association=association,
        youth=youth,
        leader=leader,
        bamako=bamako,
        make_comment=make_comment,
        text=long_text,
    )
    client.force_login(staff)
    html = client.get("/moderation/").content
    weight = page_weight(html)
    print(f"queue page with 20 reports, 20 polls shown, 20 comments: {weight}")
    assert weight["total"] <= PAGE_BUDGET_BYTES
    assert external_urls(html.decode()) == []


STAFF_LINKS = ['href="/admin/"', 'href="/membres/"', 'href="/moderation/"']


@pytest.mark.parametrize("who, shown", [("staff", True), ("admin", True), ("youth", False), ("leader", False)])
def test_the_staff_menu_links_the_admin_the_directory_and_the_queue(request, client, site_tree, who, shown):
    client.force_login(request.getfixturevalue(who))
    html = client.get("/").content.decode()
    menu = html[html.index('<details class="menu">') : html.index("</details>")]
    assert all(link in menu for link in STAFF_LINKS) is shown
    assert any(link in menu for link in STAFF_LINKS) is shown
