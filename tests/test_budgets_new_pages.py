"""Page budgets of issue 12's pages: HTML + CSS within PAGE_BUDGET_BYTES gzip, nothing fetched from another
host, and the same number of queries with 1× and 10× the data the page could grow with.

One line per page in PAGES: (viewer, url, how to multiply its data by ten, pinned query count)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from associations.models import NoticePreference, NoticeTopic, Notification
from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from cms.models import Comment
from cms.services.workflow import ensure_association_pages, ensure_workflow
from tests.cms.conftest import publish_as_staff
from tests.factories import SectionFactory, member_of
from tests.votes.conftest import build_poll

pytestmark = pytest.mark.django_db

LABELS = [f"Filière numéro {n} avec un intitulé assez long" for n in range(40)]


def more_sections_members_and_polls(ctx, times):
    """What the form lists (sections to tick) and what the association holds (members, polls) grows."""
    for n in range(2 * (times - 1)):
        SectionFactory(association=ctx["association"], slug=f"site-{times}-{n}", name=f"Site {n}")
    for _ in range(5 * (times - 1)):
        member_of(ctx["bamako"])
    for _ in range(times - 1):
        build_poll(ctx["association"])


def more_options_and_sections(ctx, times):
    poll = ctx["draft"]
    poll.options.all().delete()
    poll.options.bulk_create(
        poll.options.model(poll=poll, label=label, position=n) for n, label in enumerate(LABELS[: 4 * times])
    )
    more_sections_members_and_polls(ctx, times)
    poll.sections.set(ctx["association"].sections.all()[: 2 * times])


def more_notices_and_preferences(ctx, times):
    youth = ctx["youth"]
    Notification.objects.bulk_create(
        Notification(recipient=youth, kind="votes.opened", text=f"Nouveau sondage {n}") for n in range(10 * times)
    )
    for topic in NoticeTopic.values[: min(times, len(NoticeTopic.values))]:
        NoticePreference.objects.update_or_create(user=youth, topic=topic, defaults={"by_sms": False})


def more_comments(ctx, times):
    Comment.objects.bulk_create(
        Comment(
            page=ctx["page"],
            author=ctx["youth"],
            association=ctx["association"],
            section=ctx["bamako"],
            text=f"Bravo {n}",
            status="published",
        )
        for n in range(10 * (times - 1))
    )


# name -> (viewer, url, status, grow(ctx, times), pinned queries). /contenu/ is a redirect to the item's
# page (measured as such), or the "no longer visible" page.
PAGES = {
    "new poll form (staff)": ("staff", "/sondages/nouveau/", 200, more_sections_members_and_polls, 7),
    "new poll form (leader)": ("leader", "/sondages/nouveau/", 200, more_sections_members_and_polls, 6),
    "new poll from a draft": ("leader", "/sondages/nouveau/?depuis={draft}", 200, more_options_and_sections, 9),
    "edit a draft": ("leader", "/sondages/{draft}/modifier/", 200, more_options_and_sections, 9),
    "notice channels": ("youth", "/mon-espace/prevenir/", 200, more_notices_and_preferences, 6),
    "content link": ("youth", "/contenu/cms.comment:{comment}/", 302, more_comments, 6),
    "content link, gone": ("youth", "/contenu/cms.comment:{hidden}/", 404, more_comments, 7),
}


@pytest.fixture
def ctx(site_tree, association, bamako, kita, youth, leader, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_workflow(association)
    ensure_association_pages(association)
    page = publish_as_staff(staff, bamako)
    comment = Comment.objects.create(
        page=page, author=youth, association=association, section=bamako, text="Bravo", status="published"
    )
    hidden = Comment.objects.create(
        page=page, author=leader, association=association, section=bamako, text="Caché", status="hidden"
    )
    draft = build_poll(association, state="draft", sections=[bamako], created_by=leader, labels=LABELS[:4])
    return {
        "association": association,
        "bamako": bamako,
        "youth": youth,
        "leader": leader,
        "staff": staff,
        "page": page,
        "draft": draft,
        "ids": {"draft": draft.pk, "comment": comment.pk, "hidden": hidden.pk},
    }


def measure(client, url):
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code < 500
    return len(queries), response


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_budget_and_its_queries_do_not_grow_with_the_data(client, ctx, name):
    viewer, url, status, grow, pinned = PAGES[name]
    url = url.format(**ctx["ids"])
    client.force_login(ctx[viewer])
    once, first = measure(client, url)
    grow(ctx, 10)
    tenfold, second = measure(client, url)
    assert first.status_code == second.status_code == status
    assert tenfold == once <= pinned, (once, tenfold)
    weights = [page_weight(response.content)["total"] for response in (first, second)]
    print(f"{name}: {once} queries at 1x, {tenfold} at 10x; {weights} bytes gzip")  # shown with -s
    assert max(weights) <= PAGE_BUDGET_BYTES, weights
    assert all(external_urls(response.content.decode()) == [] for response in (first, second))
