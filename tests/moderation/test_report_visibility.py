"""Reporting follows each content type's own visibility: nobody reads through the report form (or the
report API) a comment on a page they may not see, or a proposal of a poll they may not see."""

import pytest

from cms.models import Comment
from cms.services.workflow import ensure_association_pages, ensure_workflow
from moderation.content import ModerationStatus
from tests.cms.conftest import publish_as_staff
from tests.votes.conftest import build_poll
from votes.models import Proposal

pytestmark = pytest.mark.django_db

SECRET = "Texte réservé 9931"


@pytest.fixture
def members_only_comment(site_tree, association, bamako, staff, youth, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_workflow(association)
    ensure_association_pages(association)
    page = publish_as_staff(staff, bamako, title="Réunion interne")  # members of the association only
    return Comment.objects.create(
        page=page,
        author=youth,
        association=association,
        section=bamako,
        text=SECRET,
        status=ModerationStatus.PUBLISHED,
    )


@pytest.fixture
def bamako_proposal(association, bamako, youth):
    poll = build_poll(association, sections=[bamako])
    return Proposal.objects.create(
        poll=poll,
        author=youth,
        association=association,
        section=bamako,
        text=SECRET,
        status=ModerationStatus.PUBLISHED,
    )


def _report_page_and_api(client, api_client, user, item_id):
    client.force_login(user)
    api_client.force_authenticate(user)
    page = client.get(f"/report/{item_id}/")
    label, _, pk = item_id.partition(":")
    api = api_client.post(
        "/api/v1/moderation/reports/", {"content_type": label, "object_id": int(pk), "reason": "spam"}, format="json"
    )
    return page, api


def test_a_youth_of_another_association_cannot_read_a_members_only_comment(
    client, api_client, members_only_comment, foreign_staff, other_youth
):
    from tests.factories import member_of

    outsider = member_of(foreign_staff.memberships.first().section, username="dehors")
    page, api = _report_page_and_api(client, api_client, outsider, f"cms.comment:{members_only_comment.pk}")
    assert page.status_code == 404 and SECRET not in page.content.decode()
    assert api.status_code == 404
    # A member of the association may (the same policy as the activity page).
    page, _api = _report_page_and_api(client, api_client, other_youth, f"cms.comment:{members_only_comment.pk}")
    assert page.status_code == 200 and SECRET in page.content.decode()


def test_a_kita_youth_cannot_read_a_proposal_of_a_bamako_only_poll(
    client, api_client, bamako_proposal, kita_youth, other_youth
):
    api_client.force_authenticate(kita_youth)
    assert api_client.get(f"/api/v1/polls/{bamako_proposal.poll_id}/").status_code == 404
    page, api = _report_page_and_api(client, api_client, kita_youth, f"votes.proposal:{bamako_proposal.pk}")
    assert page.status_code == 404 and SECRET not in page.content.decode()
    assert api.status_code == 404
    page, _api = _report_page_and_api(client, api_client, other_youth, f"votes.proposal:{bamako_proposal.pk}")
    assert page.status_code == 200 and SECRET in page.content.decode()
