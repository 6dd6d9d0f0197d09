"""The one pager (templates/includes/pager.html) keeps the event list's filters from page to page."""

import pytest

pytestmark = pytest.mark.django_db


def test_event_pages_keep_filters(client, site_tree, make_event, youth):
    for number in range(21):
        make_event(title=f"Atelier {number}")
    client.force_login(youth)
    first = client.get("/evenements/?kind=workshop").content.decode()
    assert 'href="?kind=workshop&amp;page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    assert client.get("/evenements/?kind=workshop&page=2").content.decode().count('class="card"') == 1
