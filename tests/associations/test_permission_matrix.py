"""Every page and endpoint of the members side × every role → expected status, and no private field leaks."""

import pytest

from associations.models import Membership

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "youth", "leader", "staff", "kita_staff", "foreign_staff", "admin"]
PRIVATE_KEYS = {"username", "phone", "email", "birth_year", "gender", "language", "guardian_consent_at"}


@pytest.fixture
def people(youth, other_youth, leader, staff, kita_staff, foreign_staff, admin, kita_youth):
    return {
        "visitor": None,
        "youth": youth,
        "other_youth": other_youth,
        "leader": leader,
        "staff": staff,
        "kita_staff": kita_staff,
        "foreign_staff": foreign_staff,
        "admin": admin,
        "kita_youth": kita_youth,
    }


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


def membership(user) -> Membership:
    return Membership.objects.get(user=user)


# (role, target) -> status of GET /membres/<target>/ ; target "other_youth" is in Bamako like the staff.
DETAIL_EXPECTED = {
    "visitor": 302,
    "youth": 200,
    "leader": 200,
    "staff": 200,
    "kita_staff": 200,
    "foreign_staff": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_member_pages(client, people, role):
    c = client_as(client, people[role])
    target = membership(people["other_youth"])
    assert c.get("/membres/").status_code == (302 if role == "visitor" else 200)
    assert c.get(f"/membres/{target.pk}/").status_code == DETAIL_EXPECTED[role]
    for url in ("/mon-espace/", "/notifications/", "/mon-espace/donnees.json", "/mon-espace/mot-de-passe/"):
        assert c.get(url).status_code == (302 if role == "visitor" else 200), url


MANAGE_EXPECTED = {
    "visitor": 302,
    "youth": 403,
    "leader": 403,
    "staff": 302,  # done, redirected back to the member page
    "kita_staff": 403,
    "foreign_staff": 404,
    "admin": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_staff_actions_only_for_staff_of_the_section(client, people, role):
    c = client_as(client, people[role])
    target = membership(people["other_youth"])
    response = c.post(f"/membres/{target.pk}/avertir/", {"warn-reason": "Langage"})
    assert response.status_code == MANAGE_EXPECTED[role]
    if MANAGE_EXPECTED[role] == 302 and role != "visitor":
        assert response["Location"] == f"/membres/{target.pk}/"


@pytest.mark.parametrize("role", ROLES)
def test_private_fields_in_member_pages(client, people, role):
    c = client_as(client, people[role])
    target = people["other_youth"]
    target.phone = "+22376123456"
    target.save()
    response = c.get(f"/membres/{membership(target).pk}/")
    if response.status_code != 200:
        return
    html = response.content.decode()
    may_see_private = role in {"staff", "admin"}
    assert ("+22376123456" in html) is may_see_private
    assert ("2006" in html) is may_see_private  # birth year
    assert target.display_name in html


API_LIST_EXPECTED = {
    "visitor": 401,
    "youth": 200,
    "leader": 200,
    "staff": 200,
    "kita_staff": 200,
    "foreign_staff": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_members_api_fields_by_role(api_client, people, role):
    if people[role]:
        api_client.force_authenticate(people[role])
    response = api_client.get("/api/v1/members/?page_size=100")
    assert response.status_code == API_LIST_EXPECTED[role]
    if response.status_code != 200:
        return
    rows = {row["id"]: row for row in response.json()["results"]}
    target = membership(people["other_youth"])
    kita = membership(people["kita_youth"])
    if role == "foreign_staff":
        assert target.pk not in rows and kita.pk not in rows
        return
    assert rows[target.pk]["display_name"] == people["other_youth"].display_name
    assert ("section" in rows[target.pk]) is (role in {"leader", "staff", "kita_staff", "admin"})
    assert bool(PRIVATE_KEYS & set(rows[target.pk])) is (role in {"staff", "admin"})
    # Kita's staff see Kita's private fields, not Bamako's.
    assert bool(PRIVATE_KEYS & set(rows[kita.pk])) is (role in {"kita_staff", "admin"})


@pytest.mark.parametrize("role", ROLES)
def test_member_api_detail(api_client, people, role):
    if people[role]:
        api_client.force_authenticate(people[role])
    target = membership(people["other_youth"])
    expected = {"visitor": 401, "foreign_staff": 404}.get(role, 200)
    assert api_client.get(f"/api/v1/members/{target.pk}/").status_code == expected
    assert api_client.get("/api/v1/members/abc/").status_code in {401, 404}


def test_own_private_fields_are_visible_to_self(api_client, people):
    youth = people["youth"]
    api_client.force_authenticate(youth)
    row = api_client.get(f"/api/v1/members/{membership(youth).pk}/").json()
    assert row["birth_year"] == youth.birth_year
    assert row["username"] == youth.username


def test_associations_and_sections_are_public_but_members_are_not(api_client, people):
    assert api_client.get("/api/v1/associations/").status_code == 200
    assert api_client.get("/api/v1/sections/").status_code == 200
    assert api_client.get("/api/v1/members/").status_code == 401
    assert api_client.get("/api/v1/notifications/").status_code == 401


def test_staff_can_filter_by_section(api_client, people, bamako, kita):
    api_client.force_authenticate(people["staff"])
    rows = api_client.get(f"/api/v1/members/?section={kita.pk}").json()["results"]
    assert rows and {row.get("section") for row in rows} == {"Kita"}


def test_youth_cannot_filter_by_section(api_client, people, kita):
    api_client.force_authenticate(people["youth"])
    rows = api_client.get(f"/api/v1/members/?section={kita.pk}").json()["results"]
    assert len(rows) == Membership.objects.filter(association=kita.association).count()


def test_members_list_query_count_does_not_grow(client, people, bamako, django_assert_max_num_queries):
    from tests.factories import member_of

    client.force_login(people["staff"])
    # 13: the staff header also counts approvals (one per source) and names follow the viewer's sites
    with django_assert_max_num_queries(13) as small:
        client.get("/membres/")
    for _ in range(30):
        member_of(bamako)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/membres/")


def test_member_page_has_unique_element_ids(client, people):
    import re

    client.force_login(people["staff"])
    html = client.get(f"/membres/{membership(people['other_youth']).pk}/").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))


def test_consent_recorded_by_section_staff_only(client, people):
    target = membership(people["other_youth"])
    client.force_login(people["kita_staff"])
    assert client.post(f"/membres/{target.pk}/consentement/").status_code == 403
    client.force_login(people["staff"])
    assert client.post(f"/membres/{target.pk}/consentement/").status_code == 302
    people["other_youth"].refresh_from_db()
    assert people["other_youth"].guardian_consent_by == people["staff"]


def test_directory_filter_offers_every_site_of_the_association(client, people, bamako, kita, elsewhere):
    client.force_login(people["staff"])
    html = client.get("/membres/?page=1").content.decode()
    assert f'value="{bamako.pk}"' in html and f'value="{kita.pk}"' in html
    assert f'value="{elsewhere.pk}"' not in html
    client.force_login(people["youth"])
    assert 'name="section"' not in client.get("/membres/").content.decode()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("avertir", {"warn-reason": ""}),
        ("role", {"role-role": "chef"}),
        ("suspendre", {"suspend-until": "pas une date", "suspend-reason": "x"}),
        ("suspendre", {"suspend-until": "2001-01-01", "suspend-reason": "x"}),
    ],
)
def test_bad_staff_action_input_is_a_form_error(client, people, action, data):
    client.force_login(people["staff"])
    target = membership(people["other_youth"])
    response = client.post(f"/membres/{target.pk}/{action}/", data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    target.refresh_from_db()
    assert (target.role, target.status) == ("youth", "active")
