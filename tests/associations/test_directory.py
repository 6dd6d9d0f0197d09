"""The member directory: search by name, filters by what the viewer may see, own site by default, API mirror,
member history for staff, pinned query counts and page weight."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Membership, MembershipStatus, OneTimeCode, Role
from bench.budgets import PAGE_BUDGET_BYTES, page_weight
from tests.factories import member_of

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def people(youth, other_youth, leader, staff, kita_staff, kita_youth, foreign_staff, admin):
    return locals()


def names(response) -> str:
    return response.content.decode()


def test_staff_default_to_their_own_site_and_may_ask_every_site(client, people):
    client.force_login(people["staff"])
    html = names(client.get("/membres/"))
    assert "Awa K." in html and "Hawa T." not in html  # Bamako only
    assert 'value="all"' in html
    every = names(client.get("/membres/?section=all"))
    assert "Awa K." in every and "Hawa T." in every
    assert "Staff ailleurs" not in every  # another association: never


def test_search_is_case_and_accent_insensitive(client, people, bamako):
    member_of(bamako, Role.YOUTH, username="helene", display_name="Hélène Ç.")
    client.force_login(people["staff"])
    assert "Hélène Ç." in names(client.get("/membres/?q=HELENE"))
    assert "Hélène Ç." in names(client.get("/membres/?q=hélè"))
    assert "Hélène Ç." not in names(client.get("/membres/?q=awa"))
    # Regular-expression characters typed by a user are text, not a pattern.
    assert client.get("/membres/?q=.*[(").status_code == 200
    assert "Hélène Ç." not in names(client.get("/membres/?q=.*"))


def test_username_search_only_inside_the_staff_site(client, people):
    client.force_login(people["staff"])
    assert "Awa K." in names(client.get("/membres/?q=youth&section=all"))  # Bamako username
    assert "Hawa T." not in names(client.get("/membres/?q=youth.kita&section=all"))  # Kita: name only
    client.force_login(people["youth"])
    assert "Moussa D." not in names(client.get("/membres/?q=youth2"))  # youths: names only
    assert "Moussa D." in names(client.get("/membres/?q=moussa"))


@pytest.mark.parametrize(
    ("band", "birth_year", "shown"),
    [("14-17", YEAR - 15, True), ("14-17", YEAR - 19, False), ("18-23", YEAR - 19, True), ("other", YEAR - 30, True)],
)
def test_age_bands(client, people, bamako, band, birth_year, shown):
    member_of(bamako, Role.YOUTH, username="aged", display_name="Zeynab A.", birth_year=birth_year)
    client.force_login(people["staff"])
    assert ("Zeynab A." in names(client.get(f"/membres/?age={band}"))) is shown


def test_status_and_role_filters(client, people):
    Membership.objects.filter(user=people["other_youth"]).update(
        status=MembershipStatus.SUSPENDED, suspended_until=timezone.now() + datetime.timedelta(days=3)
    )
    client.force_login(people["staff"])
    suspended = names(client.get("/membres/?status=suspended"))
    assert "Moussa D." in suspended and "Awa K." not in suspended
    active = names(client.get("/membres/?status=active"))
    assert "Awa K." in active and "Moussa D." not in active
    leaders = names(client.get("/membres/?role=leader"))
    assert "Seydou L." in leaders and "Awa K." not in leaders


def test_private_filters_never_reach_another_site(client, people):
    """Kita staff asking Bamako's 14–17s get nobody: age is private to the member's own site."""
    client.force_login(people["kita_staff"])
    bamako = Membership.objects.get(user=people["youth"]).section_id
    assert "Awa K." in names(client.get(f"/membres/?section={bamako}"))
    assert "Awa K." not in names(client.get(f"/membres/?section={bamako}&age=14-17"))
    assert "Awa K." not in names(client.get(f"/membres/?section={bamako}&status=active"))


def test_youth_sees_names_only_and_no_filter(client, people):
    client.force_login(people["youth"])
    html = names(client.get("/membres/?section=999&age=14-17&role=staff&status=suspended"))
    assert 'name="section"' not in html and 'name="age"' not in html and 'name="role"' not in html
    assert "Hawa T." in html and "Éducatrice B." in html  # filters ignored, not applied
    assert "youth.kita" not in html and f"<td>{YEAR - 2010}</td>" not in html  # neither usernames nor ages


def test_columns_for_staff(client, people):
    client.force_login(people["staff"])
    html = names(client.get("/membres/"))
    assert "youth2" in html  # username
    assert f"<td>{YEAR - 2006}</td>" in html  # age
    assert "Bamako" in html


def test_visitors_are_sent_to_login(client, people):
    assert client.get("/membres/").status_code == 302
    assert client.get("/api/v1/members/").status_code in {401, 403}


def test_api_mirrors_the_search(api_client, people):
    api_client.force_authenticate(people["staff"])
    found = api_client.get("/api/v1/members/", {"q": "awa k"}).json()["results"]
    assert [m["display_name"] for m in found] == ["Awa K."]
    teens = api_client.get("/api/v1/members/", {"age": "14-17"}).json()["results"]
    assert {m["display_name"] for m in teens} == {"Awa K."}  # Kita's 14-year-old is not the staff's site
    api_client.force_authenticate(people["youth"])
    body = api_client.get("/api/v1/members/", {"age": "14-17"}).json()["results"]
    assert len(body) == 6  # youths: the filter is ignored, names only
    assert all("birth_year" not in m for m in body if m["display_name"] != "Awa K.")


def test_member_history_for_staff_of_the_site_only(client, people):
    from associations.services.members import member_reactivate, member_suspend, member_warn

    target = Membership.objects.get(user=people["youth"])
    member_warn(actor=people["staff"], membership=target, reason="Langage")
    member_suspend(
        actor=people["staff"], membership=target, until=timezone.now() + datetime.timedelta(days=7), reason="Insultes"
    )
    member_reactivate(actor=people["staff"], membership=target)
    OneTimeCode.objects.create(
        user=people["youth"], code_hash="x", expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(people["staff"])
    html = names(client.get(f"/membres/{target.pk}/"))
    assert "Langage" in html and "Insultes" in html and "suspension levée" in html
    assert 'data-code-state="expired"' in html
    assert 'data-count="polls_voted">0<' in html and 'data-count="events_attended">0<' in html
    for other in ("kita_staff", "leader", "other_youth"):
        client.force_login(people[other])
        page = names(client.get(f"/membres/{target.pk}/"))
        assert "Insultes" not in page and "data-code-state" not in page
    client.force_login(people["foreign_staff"])
    assert client.get(f"/membres/{target.pk}/").status_code == 404


def _grow(bamako, scale: int) -> None:
    for i in range(10 * scale):
        member_of(bamako, Role.YOUTH, display_name=f"Jeune {scale}-{i}", birth_year=YEAR - 15 - i % 6)


def _count(client, path: str) -> tuple[int, bytes]:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content


# Pinned. Every page: session, user, memberships, site name, unread badge, queue count (staff) (6). The
# directory adds the page count, the sites of the filter and the members (3). The member page adds the
# membership and its history: memberships, log entries, login code, one query per participation counter (5).
DIRECTORY_QUERIES = 10
MEMBER_PAGE_QUERIES = 16


def test_directory_queries_do_not_grow_and_page_fits(client, people, bamako, site_tree):
    client.force_login(people["staff"])
    _grow(bamako, 1)
    small, _ = _count(client, "/membres/?section=all&q=jeune")
    _grow(bamako, 10)
    big, html = _count(client, "/membres/?section=all&q=jeune")
    assert (small, big) == (DIRECTORY_QUERIES, DIRECTORY_QUERIES)
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES


def test_member_page_queries_do_not_grow_and_page_fits(client, people, bamako, site_tree):
    from associations.services.members import member_warn

    target = Membership.objects.get(user=people["youth"])
    client.force_login(people["staff"])
    member_warn(actor=people["staff"], membership=target, reason="Une")
    small, _ = _count(client, f"/membres/{target.pk}/")
    for n in range(10):
        member_warn(actor=people["staff"], membership=target, reason=f"Encore {n}")
    big, html = _count(client, f"/membres/{target.pk}/")
    assert (small, big) == (MEMBER_PAGE_QUERIES, MEMBER_PAGE_QUERIES)
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
