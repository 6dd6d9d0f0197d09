"""Permission matrix: every role × the indicators page, its exports and the API. 0 leaks, 0 5xx.

Bamako holds a pathway step whose partner ("Garage Secret") and a site figure only the right people see.
"""

import datetime

import pytest

from associations.models import Role
from indicators.models import Pathway
from tests.factories import member_of

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "youth", "leader", "staff", "kita_staff", "coordinator", "admin", "foreign_staff"]


@pytest.fixture
def people(youth, leader, staff, kita_staff, coordinator, admin, foreign_staff, kita_youth):
    return {
        "visitor": None,
        "youth": youth,
        "leader": leader,
        "staff": staff,
        "kita_staff": kita_staff,
        "coordinator": coordinator,
        "admin": admin,
        "foreign_staff": foreign_staff,
    }


@pytest.fixture
def step(youth, bamako, association, staff):
    return Pathway.objects.create(
        member=youth,
        association=association,
        section=bamako,
        status="internship",
        sector="mechanics",
        partner="Garage Secret",
        started_on=datetime.date(2026, 3, 1),
        recorded_by=staff,
    )


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


# role → expected status on our association's indicators (no site filter)
PAGE = {
    "visitor": 302,
    "youth": 403,
    "leader": 403,
    "staff": 200,
    "kita_staff": 200,
    "coordinator": 200,
    "admin": 200,
    "foreign_staff": 200,
}
KITA_FILTER = {
    "visitor": 302,
    "youth": 403,
    "leader": 403,
    "staff": 403,
    "kita_staff": 200,
    "coordinator": 200,
    "admin": 200,
    "foreign_staff": 403,
}
API = {**PAGE, "visitor": 401}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/indicateurs/", "/indicateurs/members_by_site.csv", "/api/v1/indicators/"])
def test_indicators_page_exports_and_api(client, people, step, kita, role, url):
    response = _client(client, people[role]).get(url)
    expected = API if url.startswith("/api/") else PAGE
    assert response.status_code == expected[role]
    body = response.content.decode()
    assert "Garage Secret" not in body  # aggregates only, never a person's record
    if role in {"staff"}:
        assert "Bamako" in body and "Kita" not in body
    if role == "kita_staff":
        assert "Kita" in body and "Bamako" not in body
    if role in {"coordinator", "admin"} and response.status_code == 200:
        assert "Bamako" in body and "Kita" in body
    if role == "foreign_staff":
        assert "Bamako" not in body and "Kita" not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url",
    ["/indicateurs/?site={kita}", "/indicateurs/pathway_statuses.csv?site={kita}", "/api/v1/indicators/?site={kita}"],
)
def test_site_filter(client, people, kita, role, url):
    response = _client(client, people[role]).get(url.format(kita=kita.pk))
    expected = {**KITA_FILTER, "visitor": 401} if url.startswith("/api/") else KITA_FILTER
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_pathway_records_api(api_client, people, step, role):
    user = people[role]
    if user is not None:
        api_client.force_authenticate(user)
    listing = api_client.get("/api/v1/pathways/")
    detail = api_client.get(f"/api/v1/pathways/{step.pk}/")
    sees = role in {"staff", "admin"}  # staff of the youth's site, platform admins
    refused = 401 if role == "visitor" else 403
    assert detail.status_code == (
        200 if sees else 404 if role in {"kita_staff", "coordinator", "foreign_staff"} else refused
    )
    assert listing.status_code == (
        200 if role in {"staff", "admin", "kita_staff", "coordinator", "foreign_staff"} else refused
    )
    assert ("Garage Secret" in listing.content.decode()) == sees


@pytest.mark.parametrize("role", ROLES)
def test_pathway_pages(client, people, step, role):
    client = _client(client, people[role])
    own = client.get("/mon-espace/parcours/")
    assert own.status_code == (302 if role == "visitor" else 200)
    assert ("Garage Secret" in own.content.decode()) == (role == "youth")  # only the youth's own page
    recording = client.get("/parcours/")
    assert recording.status_code == {"visitor": 302, "youth": 403, "leader": 403}.get(role, 200)
    assert ("Awa K. (Bamako)" in recording.content.decode()) == (role in {"staff", "admin"})


def test_bad_input_is_a_clear_4xx(client, staff, kita):
    client.force_login(staff)
    for url in [
        "/indicateurs/?from=2026-01-01",
        "/indicateurs/?from=x&to=y",
        "/indicateurs/?period=decade",
        "/indicateurs/?site=abc",
        "/indicateurs/?site=999999",
        "/api/v1/indicators/?to=2026-01-01",
    ]:
        assert client.get(url).status_code in {400, 403}, url
    assert client.get("/indicateurs/nope.csv").status_code == 404


def test_other_association_member_sees_nothing_of_ours(client, elsewhere, step):
    outsider = member_of(elsewhere, Role.YOUTH, username="dehors")
    client.force_login(outsider)
    assert client.get("/indicateurs/").status_code == 403
    assert "Garage Secret" not in client.get("/mon-espace/parcours/").content.decode()
