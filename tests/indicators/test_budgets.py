"""Budgets: a fixed number of queries whatever the data (1× vs 10×), 30 KB gzip, a print stylesheet."""

import datetime
import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventStatus, Registration, RegistrationStatus
from indicators.models import Pathway
from tests.factories import member_of
from tests.indicators.conftest import at
from tests.votes.conftest import build_poll
from votes.models import Participation

pytestmark = pytest.mark.django_db
URLS = [
    "/indicateurs/?period=year&date=2026-06-01",
    "/indicateurs/turnout_by_group.csv?period=year&date=2026-06-01",
    "/api/v1/indicators/?from=2026-01-01&to=2026-12-31",
]
D = datetime.date


def grow(association, sections, scale: int):
    """Every kind of row the indicators read, `scale` times."""
    poll = build_poll(association, state="closed", topic="training", title=f"Filières {scale}")
    event = Event.objects.create(
        association=association,
        section=sections[0],
        title="Atelier",
        kind="workshop",
        starts_at=at(D(2026, 5, 1)),
        ends_at=at(D(2026, 5, 1), 15),
        status=EventStatus.PUBLISHED,
    )
    for i in range(6 * scale):
        section = sections[i % len(sections)]
        youth = member_of(section, gender="female" if i % 2 else "male", birth_year=2004 + i % 8)
        Participation.objects.create(poll=poll, member=youth)
        Registration.objects.create(event=event, member=youth, status=RegistrationStatus.CONFIRMED, code=f"c{i}")
        Pathway.objects.create(
            member=youth, association=association, section=section, status="seeking", started_on=D(2026, 1, 1 + i % 28)
        )
        Pathway.objects.create(
            member=youth,
            association=association,
            section=section,
            status="training",
            sector="digital",
            started_on=D(2026, 3, 1 + i % 28),
        )


def counts(client) -> list[int]:
    result = []
    for url in URLS:
        client.get(url)  # warm per-process caches like any second visitor
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        result.append(len(queries))
    return result


@pytest.mark.parametrize("viewer", ["staff", "coordinator"])
def test_queries_do_not_grow_with_the_data(client, association, bamako, kita, staff, coordinator, viewer):
    client.force_login({"staff": staff, "coordinator": coordinator}[viewer])
    grow(association, [bamako, kita], 1)
    small = counts(client)
    grow(association, [bamako, kita], 10)
    assert counts(client) == small
    print(f"queries per request ({viewer}, page/csv/api):", small)


def test_page_fits_30_kb_gzip_with_every_table_and_no_script_of_its_own(client, association, bamako, kita, coordinator):
    grow(association, [bamako, kita], 10)
    client.force_login(coordinator)
    html = client.get(URLS[0]).content
    css = Path(finders.find("indicators/indicators.css")).read_bytes()
    size = len(gzip.compress(html)) + len(gzip.compress(css))
    print("indicators page + css, gzip bytes:", size)
    assert size <= 30 * 1024
    text = html.decode()
    assert text.count("<svg") >= 6 and text.count("<table") >= 15  # charts drawn on the server, each with a table
    assert "indicators/indicators.js" not in text and "<script>" not in text


def test_print_stylesheet_hides_the_navigation_and_filters():
    css = Path(finders.find("indicators/indicators.css")).read_text()
    assert "@media print" in css
    print_rules = css.split("@media print", 1)[1]
    assert "header.top" in print_rules and ".noprint" in print_rules
