"""The one pager (templates/includes/pager.html) keeps the activity list's filters from page to page."""

import pytest

from tests.cms.test_budgets import add_activities

pytestmark = pytest.mark.django_db


def test_activity_pages_keep_filters(client, tree, bamako, youth):
    add_activities(tree, bamako, youth, 14)
    first = client.get(tree.url + "?theme=culture&year=2025").content.decode()
    assert 'href="?theme=culture&amp;year=2025&amp;page=2" rel="next"' in first
    second = client.get(tree.url + "?theme=culture&year=2025&page=2").content.decode()
    assert 'href="?theme=culture&amp;year=2025&amp;page=1" rel="prev"' in second
    assert second.count('class="card"') == 2
