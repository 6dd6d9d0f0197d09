"""Report links and links to items: who sees "Signaler", where it leads and where the member comes back;
links from notifications and the queue land on the item or on a page that says it is gone."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest

from associations.models import Membership, Notification, Role
from cms.models import Comment, Visibility
from cms.services.workflow import ensure_association_pages, ensure_workflow
from moderation.content import ModerationStatus
from moderation.models import Report
from moderation.services import item_decide
from tests.cms.conftest import publish_as_staff
from tests.factories import member_of
from tests.moderation.conftest import item_id
from tests.votes.conftest import build_poll
from votes.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_comment(activities, youth):
    """A published comment by `youth` on the members-only activity of Bamako."""
    page = activities["members"]
    membership = Membership.objects.get(user=youth)
    return Comment.objects.create(
        page=page,
        author=youth,
        association=membership.association,
        section=membership.section,
        text="Le stage commence lundi.",
        status=ModerationStatus.PUBLISHED,
    )


def report_links(html: str, kind: str = "") -> list[str]:
    """The page's report links (of items of `kind`, e.g. "cms.comment", when given)."""
    links = [unescape(href) for href in re.findall(r'<a class="report-link" href="([^"]+)"', html)]
    return [link for link in links if link.startswith(f"/report/{kind}")]


@pytest.fixture
def activities(site_tree, association, bamako, kita, youth, staff):
    ensure_workflow(association)
    ensure_association_pages(association)
    return {"members": publish_as_staff(staff, bamako, visibility=Visibility.MEMBERS, title="Salubrité")}


def back_to(item, path: str) -> str:
    return urlencode({"next": f"{path}#{item.moderation_anchor}"})


def test_members_who_may_report_see_the_link_and_come_back_to_the_comment(client, page_comment, other_youth):
    page = page_comment.page
    client.force_login(other_youth)
    links = report_links(client.get(page.url).content.decode(), "cms.comment")
    assert links == [f"/report/cms.comment:{page_comment.pk}/?{back_to(page_comment, page.url)}"]
    form = client.get(links[0])
    assert form.status_code == 200 and "Le stage commence lundi." in form.content.decode()
    sent = client.post(links[0], {"reason": "insult", "next": f"{page.url}#comment-{page_comment.pk}"})
    assert sent.status_code == 302 and sent["Location"] == f"{page.url}#comment-{page_comment.pk}"
    assert Report.objects.filter(reporter=other_youth, object_id=page_comment.pk).exists()


def test_no_link_for_a_visitor_the_author_or_a_suspended_member(client, page_comment, youth, bamako):
    page = page_comment.page
    page.visibility = Visibility.PUBLIC
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Le stage commence lundi." in html and report_links(html) == []  # a visitor reads it, no link
    client.force_login(youth)
    assert "Le stage commence lundi." in client.get(page.url).content.decode()
    assert report_links(client.get(page.url).content.decode(), "cms.comment") == []  # their own comment
    suspended = member_of(bamako, Role.YOUTH, username="suspendu")
    Membership.objects.filter(user=suspended).update(status="suspended")
    client.force_login(suspended)
    html = client.get(page.url).content.decode()
    assert "Le stage commence lundi." in html and report_links(html) == []


def test_a_member_of_another_association_can_neither_see_the_link_nor_report(client, page_comment, foreign_staff):
    client.force_login(foreign_staff)
    assert client.get(f"/report/{item_id(page_comment)}/").status_code == 404
    assert client.post(f"/report/{item_id(page_comment)}/", {"reason": "spam"}).status_code == 404


def test_the_report_link_follows_the_registry_on_proposals(client, association, youth, other_youth):
    poll = build_poll(association, state="scheduled", accepts_proposals=True)
    proposal = Proposal.objects.create(
        poll=poll,
        author=youth,
        association=association,
        text="Menuiserie",
        status=ModerationStatus.PUBLISHED,
    )
    client.force_login(other_youth)
    links = report_links(client.get(f"/sondages/{poll.pk}/").content.decode())
    assert links == [f"/report/votes.proposal:{proposal.pk}/?{back_to(proposal, f'/sondages/{poll.pk}/')}"]
    client.force_login(youth)
    assert report_links(client.get(f"/sondages/{poll.pk}/").content.decode()) == []


def test_a_link_to_an_item_lands_on_it_or_says_it_is_gone(client, page_comment, other_youth, staff, make_comment):
    link = f"/contenu/{item_id(page_comment)}/"
    client.force_login(other_youth)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == f"{page_comment.page.url}#comment-{page_comment.pk}"
    item_decide(actor=staff, item_id=item_id(page_comment), action="hide", reason="insulte")
    gone = client.get(link)
    assert gone.status_code == 404 and "plus visible" in gone.content.decode()
    assert "<header" in gone.content.decode() or 'class="top"' in gone.content.decode()  # the site's layout
    # A comment on a page that lists no comments (the home page) has nowhere to land.
    on_home = make_comment(other_youth, text="Sur l'accueil")
    assert client.get(f"/contenu/{item_id(on_home)}/").status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(link)["Location"]


def test_the_author_notification_and_the_queue_link_go_through_the_item_link(client, page_comment, youth, staff):
    item_decide(actor=staff, item_id=item_id(page_comment), action="hide", reason="hors sujet")
    notification = Notification.objects.get(recipient=youth, kind="moderation.hide")
    assert notification.url == f"/contenu/{item_id(page_comment)}/"
    client.force_login(staff)
    closed = client.get("/moderation/?state=closed").content.decode()
    assert f'href="/contenu/{item_id(page_comment)}/"' in closed
    # Staff still see the hidden comment on its page: the link lands there.
    assert client.get(notification.url).status_code == 302
