"""Submission through the association's Wagtail workflow: who publishes directly, who waits, the round trip."""

import pytest
from django.contrib.auth.models import Group

from associations.models import Notification
from cms.models import ActivityPage
from cms.selectors import my_submissions, submission_state
from cms.services.workflow import ensure_workflow, staff_group_name
from config.errors import Forbidden
from tests.cms.conftest import act, submit

pytestmark = pytest.mark.django_db


def test_ensure_workflow_is_idempotent_and_puts_staff_in_the_group(tree, association, staff, kita_staff, youth):
    first = ensure_workflow(association)
    assert ensure_workflow(association) == first
    group = Group.objects.get(name=staff_group_name(association))
    assert set(group.user_set.all()) == {staff, kita_staff}
    assert youth not in group.user_set.all()


def test_youth_report_waits_in_the_workflow_and_staff_are_told(tree, youth, staff, kita_staff, bamako):
    page = submit(youth, bamako, photos=2)
    assert not page.live
    assert page.owner == youth and page.author == youth
    assert page.current_workflow_state.status == "in_progress"
    assert submission_state(page) == "pending"
    assert page.photos.count() == 2
    # The staff of the report's section are told; nobody else.
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"staff"}


def test_staff_publish_directly(tree, staff, bamako):
    page = submit(staff, bamako)
    assert page.live and page.current_workflow_state is None


@pytest.mark.parametrize("premoderate, live", [(False, True), (True, False)])
def test_leaders_follow_the_association_setting(tree, association, leader, bamako, premoderate, live):
    association.premoderate_leaders = premoderate
    association.save()
    assert submit(leader, bamako).live is live


def test_non_members_and_other_associations_cannot_submit(tree, member, foreign_staff, bamako):
    for user in (member, foreign_staff):
        with pytest.raises(Forbidden):
            submit(user, bamako)
    assert not ActivityPage.objects.exists()


def test_youth_cannot_make_a_report_public(tree, youth, bamako):
    assert submit(youth, bamako, visibility="public").visibility == "members"


def test_submit_reject_notify_edit_resubmit_approve(tree, client, youth, staff, bamako):
    page = submit(youth, bamako, title="Tournoi")
    page = act(page, staff, "reject", comment="Ajoutez le score final")
    assert submission_state(page) == "changes"
    note = Notification.objects.get(recipient=youth, kind="cms.activity.rejected")
    assert "Ajoutez le score final" in note.text and "Tournoi" in note.text
    client.force_login(youth)
    mine = client.get("/activites/mes-recits/").content.decode()
    assert "à revoir" in mine and "Ajoutez le score final" in mine
    response = client.post(
        f"/activites/mes-recits/{page.pk}/modifier/",
        {
            "title": "Tournoi de Kita",
            "date": page.date.isoformat(),
            "section": "bamako",
            "theme": "culture",
            "text": "Score final : 3 à 1.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ActivityPage.objects.get(pk=page.pk)
    assert submission_state(page) == "pending"
    assert page.get_latest_revision_as_object().title == "Tournoi de Kita"
    page = act(page, staff, "approve")
    assert page.live and page.title == "Tournoi de Kita"
    assert submission_state(page) == "published"
    assert Notification.objects.filter(recipient=youth, kind="cms.activity.approved").exists()
    assert client.get(page.url).status_code == 200
    assert (
        'state-published">publié</span>' in client.get("/activites/mes-recits/").content.decode()
    )  # un récit: masculine


def test_only_the_author_may_edit_and_only_when_sent_back(tree, client, youth, other_youth, staff, bamako):
    page = submit(youth, bamako)
    client.force_login(youth)
    assert client.get(f"/activites/mes-recits/{page.pk}/modifier/").status_code == 302  # pending: not editable
    act(page, staff, "reject", comment="x")
    assert client.get(f"/activites/mes-recits/{page.pk}/modifier/").status_code == 200
    client.force_login(other_youth)
    assert client.get(f"/activites/mes-recits/{page.pk}/modifier/").status_code == 404


def test_my_submissions_has_fixed_queries(tree, youth, staff, bamako, django_assert_num_queries):
    for n in range(3):
        act(submit(youth, bamako, title=f"r{n}"), staff, "reject", comment="non")
    youth = type(youth).objects.get(pk=youth.pk)
    with django_assert_num_queries(1):
        states = [p.state for p in my_submissions(youth)]
    assert states == ["changes"] * 3


def test_staff_group_follows_membership_changes(tree, association, kita, django_capture_on_commit_callbacks):
    from associations.models import Role
    from tests.factories import member_of

    with django_capture_on_commit_callbacks(execute=True):
        newcomer = member_of(kita, Role.STAFF, username="new.staff")
    group = Group.objects.get(name=staff_group_name(association))
    assert newcomer in group.user_set.all()
    membership = newcomer.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        membership.role = Role.YOUTH
        membership.save()
    assert newcomer not in group.user_set.all()


def test_preview_is_never_cached(tree, client, youth, bamako):
    page = submit(youth, bamako)
    client.force_login(youth)
    response = client.get(f"/activites/mes-recits/{page.pk}/")
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]


def test_a_report_cannot_move_to_another_associations_section(tree, staff, bamako, elsewhere):
    from django.core.exceptions import ValidationError

    page = submit(staff, bamako)
    page.section = elsewhere
    with pytest.raises(ValidationError):
        page.full_clean()
