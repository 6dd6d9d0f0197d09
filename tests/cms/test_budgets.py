"""Budgets: the activity index and an activity page fit 14,600 bytes gzip and cost a fixed number of queries
whatever the number of activities, photos and comments (1× vs 10× data)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from cms.images import clean_photo
from cms.models import ActivityPage, ActivityPhoto, Comment, Visibility
from tests.cms.conftest import upload

pytestmark = pytest.mark.django_db

# Pinned counts (warm per-process caches). Wagtail routing costs 8 of them (one per tree level + specific);
# they must not grow with the data.
INDEX_QUERIES = 16
PAGE_QUERIES = 18
DEBUG_QUERIES = False


def add_activities(index, section, author, count, start=0):
    for number in range(start, start + count):
        page = ActivityPage(
            title=f"Activité numéro {number} avec un titre assez long pour peser",
            slug=f"activite-{number}",
            date=datetime.date(2025, 1 + number % 12, 1 + number % 28),
            section=section,
            theme="culture",
            summary="Un résumé de deux phrases sur ce que nous avons fait. " * 3,
            author=author,
            visibility=Visibility.PUBLIC,
        )
        index.add_child(instance=page)


def add_photos(page, author, count):
    for number in range(count):
        photo = clean_photo(upload(f"p{number}.jpg"), caption=f"Légende {number}")
        image = get_image_model()(title="p", file=photo.content)
        image._ton_clean = True
        image.save()
        ActivityPhoto.objects.create(page=page, image=image, caption=photo.caption, consent_recorded=True)


def add_comments(page, author, count):
    Comment.objects.bulk_create(
        Comment(page=page, author=author, association_id=page.association_id, text=f"Bravo {n} !", status="published")
        for n in range(count)
    )


def measure(client, url):
    client.get(url)  # warm caches that are per process (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if DEBUG_QUERIES:
        print(url, *[q["sql"][:150] for q in queries.captured_queries], sep="\n")
    return len(queries), response.content


@pytest.mark.parametrize("viewer", ["visitor", "youth"])
def test_index_and_page_budgets_do_not_grow_with_data(client, tree, bamako, youth, other_youth, viewer):
    if viewer == "youth":
        client.force_login(youth)
    add_activities(tree, bamako, youth, 2)
    page = ActivityPage.objects.get(slug="activite-0")
    add_photos(page, youth, 1)
    add_comments(page, other_youth, 2)
    page_url, index_url = page.url, tree.url

    index_1, index_html = measure(client, index_url)
    page_1, page_html = measure(client, page_url)

    add_activities(tree, bamako, youth, 18, start=2)
    add_photos(page, youth, 9)
    add_comments(page, other_youth, 18)

    index_10, index_html_10 = measure(client, index_url)
    page_10, page_html_10 = measure(client, page_url)
    assert (index_10, page_10) == (index_1, page_1)
    assert index_10 <= INDEX_QUERIES and page_10 <= PAGE_QUERIES, (index_10, page_10)
    for html in (index_html, page_html, index_html_10, page_html_10):
        weight = page_weight(html)
        assert weight["total"] <= PAGE_BUDGET_BYTES, weight
        assert external_urls(html.decode()) == []
    page_text = page_html_10.decode()
    assert page_text.count("<picture>") == 10 and page_text.count('loading="lazy"') == 10
    assert 'type="image/webp"' in page_text and 'width="' in page_text and 'height="' in page_text
    assert index_html_10.decode().count('class="card"') == 12  # paginated


def test_home_page_stays_within_budget_with_activities(client, tree, bamako, youth, django_assert_max_num_queries):
    add_activities(tree, bamako, youth, 20)
    client.get("/")
    with django_assert_max_num_queries(7):
        html = client.get("/").content
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
    assert html.decode().count('class="card"') == 5


def test_pagination_and_filters_render(client, tree, bamako, kita, youth):
    add_activities(tree, bamako, youth, 14)
    html = client.get(tree.url + "?page=2").content.decode()
    assert html.count('class="card"') == 2 and 'rel="prev"' in html
    assert client.get(tree.url + "?page=abc").status_code == 200
    assert 'class="card"' not in client.get(tree.url + "?section=kita").content.decode()
    assert client.get(tree.url + "?year=2025&theme=culture").content.decode().count('class="card"') == 12
    assert client.get(tree.url + "?year=20x5&theme=<b>").status_code == 200
