"""The indicators page's filters show the period that is actually reported."""

import re

import pytest

pytestmark = pytest.mark.django_db


def selected_period(html: str) -> str:
    select = re.search(r'<select name="period".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="(\w+)" selected>', select).group(1)


def test_first_visit_shows_the_default_period_selected(client, staff):
    client.force_login(staff)
    html = client.get("/indicateurs/").content.decode()
    assert selected_period(html) == "quarter"


def test_a_chosen_period_stays_selected(client, staff):
    client.force_login(staff)
    html = client.get("/indicateurs/?period=month&date=2026-06-10").content.decode()
    assert selected_period(html) == "month"
    assert 'value="2026-06-10"' in html
