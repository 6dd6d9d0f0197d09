"""/api/v1/activities/: filters, submission through the same service, comments, bad input."""

import datetime

import pytest

from cms.models import ActivityPage, Comment
from tests.cms.conftest import upload

pytestmark = pytest.mark.django_db


def payload(**overrides):
    data = {
        "title": "Atelier CV",
        "date": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
        "section": "bamako",
        "theme": "training",
        "text": "Nous avons écrit nos CV.",
    }
    data.update(overrides)
    return data


def test_list_filters(api_client, activities, youth, kita, staff):
    from tests.cms.conftest import publish_as_staff

    publish_as_staff(staff, kita, title="Kita culture", theme="culture")
    api_client.force_authenticate(youth)
    titles = lambda query: {a["title"] for a in api_client.get("/api/v1/activities/" + query).json()["results"]}  # noqa: E731
    assert titles("?section=kita") == {"Kita culture"}
    assert titles("?theme=culture") == {"Kita culture"}
    assert titles(f"?year={datetime.date.today().year - 5}") == set()
    assert titles("?section=nowhere") == set()
    assert "Public fête" in titles("?theme=bogus")


def test_section_filter_spans_associations(api_client, activities, admin, kita, staff):
    from associations.models import Role
    from tests.cms.conftest import publish_as_staff
    from tests.factories import AssociationFactory, SectionFactory, member_of

    other_kita = SectionFactory(association=AssociationFactory(slug="autre-asso"), slug="kita", name="Kita")
    other_staff = member_of(other_kita, Role.STAFF, username="staff.autre.kita")
    publish_as_staff(staff, kita, title="Kita culture")
    publish_as_staff(other_staff, other_kita, title="Kita ailleurs")
    api_client.force_authenticate(admin)
    rows = api_client.get("/api/v1/activities/?section=kita").json()["results"]
    assert {row["title"] for row in rows} == {"Kita culture", "Kita ailleurs"}


def test_post_multipart_creates_a_pending_submission(api_client, tree, youth):
    api_client.force_authenticate(youth)
    response = api_client.post(
        "/api/v1/activities/",
        {**payload(), "photos": [upload("a.jpg"), upload("b.jpg")], "captions": ["Nous", ""]},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "pending"
    page = ActivityPage.objects.get(pk=response.json()["id"])
    assert page.author == youth and not page.live and page.photos.count() == 2
    assert page.current_workflow_state.status == "in_progress"


def test_post_refuses_bad_photos_with_a_message_per_file(api_client, tree, youth):
    api_client.force_authenticate(youth)
    svg = upload("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
    response = api_client.post(
        "/api/v1/activities/", {**payload(), "photos": [upload("ok.jpg"), svg]}, format="multipart"
    )
    assert response.status_code == 400
    assert "logo.svg" in response.json()["error"]["fields"]["photos"][0]
    assert not ActivityPage.objects.exists()


def test_post_ignores_forbidden_fields_and_sanitises_html(api_client, tree, youth, staff):
    api_client.force_authenticate(youth)
    response = api_client.post(
        "/api/v1/activities/",
        payload(visibility="public", live=True, author=staff.pk, text="<img src=x onerror=alert(1)>Salut<i>!</i>"),
        format="multipart",
    )
    assert response.status_code == 201
    page = ActivityPage.objects.get()
    assert page.visibility == "members" and not page.live and page.author == youth
    assert page.body[0].value.source == "<p>Salut<i>!</i></p>"


@pytest.mark.parametrize(
    "overrides",
    [{"title": ""}, {"date": "demain"}, {"section": "dakar"}, {"theme": "nope"}, {"participants": "-3"}],
)
def test_post_bad_input_is_a_400(api_client, tree, youth, overrides):
    api_client.force_authenticate(youth)
    response = api_client.post("/api/v1/activities/", payload(**overrides), format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"invalid", "date"}


def test_post_needs_a_member(api_client, tree, member):
    assert api_client.post("/api/v1/activities/", payload(), format="multipart").status_code == 401
    api_client.force_authenticate(member)
    assert api_client.post("/api/v1/activities/", payload(), format="multipart").status_code == 403


def test_comments_list_and_create(api_client, activities, youth, other_youth, staff, association):
    page = activities["members"]
    url = f"/api/v1/activities/{page.pk}/comments/"
    api_client.force_authenticate(youth)
    response = api_client.post(url, {"text": "Très bien"}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    assert [c["text"] for c in api_client.get(url).json()["results"]] == ["Très bien"]
    api_client.force_authenticate(other_youth)
    assert api_client.get(url).json()["results"] == []
    api_client.force_authenticate(staff)
    assert len(api_client.get(url).json()["results"]) == 1
    assert api_client.post(url, {"text": "x" * 1001}, format="json").status_code == 400
    assert api_client.post(url, {}, format="json").status_code == 400
    assert Comment.objects.count() == 1


def test_comment_on_invisible_activity_is_a_404(api_client, activities, foreign_staff):
    api_client.force_authenticate(foreign_staff)
    url = f"/api/v1/activities/{activities['members'].pk}/comments/"
    assert api_client.post(url, {"text": "Hello"}, format="json").status_code == 404


def test_schema_lists_the_endpoints(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    assert {"/api/v1/activities/", "/api/v1/activities/{id}/", "/api/v1/activities/{id}/comments/"} <= set(
        schema["paths"]
    )
