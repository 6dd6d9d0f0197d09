"""Activity reports (Wagtail workflow) and leaders' poll drafts in the staff queue: shown with a preview,
decided from the phone page and the API through the apps' own services, consistent with the Wagtail admin,
refused to whoever may not decide (403 for members, 404 outside the staff member's scope, never a 5xx)."""

import pytest
from django.utils.html import escape
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from associations.models import Notification
from cms.models import ActivityPage
from cms.services.workflow import ensure_association_pages, ensure_workflow
from tests.cms.conftest import submit
from tests.votes.conftest import build_poll
from votes.models import Kind, Poll

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(site_tree, association, bamako, kita, staff):
    ensure_workflow(association)
    return ensure_association_pages(association)[1]


@pytest.fixture
def report(tree, youth, bamako):
    """A youth's report with two photos, waiting in the workflow."""
    return submit(youth, bamako, photos=2, title="Journée de salubrité", text="Nous avons nettoyé le quartier.")


def item(page) -> str:
    return f"cms.activitypage:{page.pk}"


def decide(client, page, action, comment=""):
    return client.post("/moderation/approval/", {"item": item(page), "action": action, "comment": comment})


def state_of(page) -> str:
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first().status


def actions_logged(page) -> list[str]:
    return list(PageLogEntry.objects.filter(page_id=page.pk).order_by("pk").values_list("action", flat=True))


# --- the preview ---------------------------------------------------------------------------------------


def test_staff_of_the_section_see_the_report_with_text_thumbnails_and_consent(client, report, staff):
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert "Récits d’activités à valider" in html
    assert "Journée de salubrité" in html and "Nous avons nettoyé le quartier." in html
    thumbnails = [f"/activites/photo/{report.pk}/{photo.image_id}/320.jpg" for photo in report.photos.all()]
    assert len(thumbnails) == 2 and all(src in html for src in thumbnails)
    assert "personnes visibles, consentement non enregistré" in html
    assert f'value="{item(report)}"' in html and 'value="approve"' in html
    assert f"/admin/pages/{report.pk}/edit/" in html
    # The thumbnail is a rendition the staff member may fetch (the report is not live yet).
    assert client.get(thumbnails[0]).status_code == 200


def test_other_sites_other_associations_and_members_do_not_see_it(client, report, kita_staff, foreign_staff, youth):
    for user in (kita_staff, foreign_staff):
        client.force_login(user)
        assert "Journée de salubrité" not in client.get("/moderation/").content.decode()
    for user in (youth,):
        client.force_login(user)
        assert client.get("/moderation/").status_code == 403


def test_admin_sees_every_report(client, report, admin):
    client.force_login(admin)
    assert "Journée de salubrité" in client.get("/moderation/").content.decode()


# --- decisions from the phone page ----------------------------------------------------------------------


def test_approve_publishes_through_the_workflow_and_tells_the_author_in_their_language(client, report, staff, youth):
    youth.language = "en"
    youth.save(update_fields=["language"])
    client.force_login(staff)
    response = decide(client, report, "approve")
    assert response.status_code == 302
    page = ActivityPage.objects.get(pk=report.pk)
    assert page.live and state_of(page) == WorkflowState.STATUS_APPROVED
    assert {"wagtail.workflow.approve", "wagtail.publish"} <= set(actions_logged(page))
    approval = PageLogEntry.objects.get(page_id=page.pk, action="wagtail.workflow.approve")
    assert approval.user_id == staff.pk
    note = Notification.objects.get(recipient=youth, kind="cms.activity.approved")
    assert note.text == "Your activity report “Journée de salubrité” is published."
    html = client.get(response["Location"]).content.decode()
    assert "Le récit est publié." in html and f'value="{item(report)}"' not in html


def test_the_wagtail_history_page_shows_the_approval(client, report, staff):
    client.force_login(staff)
    decide(client, report, "approve")
    history = client.get(f"/admin/pages/{report.pk}/history/")
    assert history.status_code == 200
    assert "Approuvé" in history.content.decode() or "Approved" in history.content.decode()
    assert escape(staff.public_name) in history.content.decode() or staff.username in history.content.decode()


def test_ask_for_changes_needs_a_comment_then_sends_it_back(client, report, staff, youth):
    client.force_login(staff)
    decide(client, report, "changes")
    assert state_of(report) == WorkflowState.STATUS_IN_PROGRESS  # refused: no comment
    decide(client, report, "changes", comment="Floutez les visages")
    assert state_of(report) == WorkflowState.STATUS_NEEDS_CHANGES
    task = TaskState.objects.get(workflow_state__object_id=str(report.pk), status=TaskState.STATUS_REJECTED)
    assert task.comment == "Floutez les visages" and task.finished_by == staff
    assert "wagtail.workflow.reject" in actions_logged(report)
    note = Notification.objects.get(recipient=youth, kind="cms.activity.rejected")
    assert "Floutez les visages" in note.text
    assert "Journée de salubrité" not in client.get("/moderation/").content.decode()


def test_reject_cancels_the_workflow_with_the_reason_and_tells_the_author(client, report, staff, youth):
    client.force_login(staff)
    decide(client, report, "reject", comment="Hors sujet")
    page = ActivityPage.objects.get(pk=report.pk)
    assert not page.live and state_of(page) == WorkflowState.STATUS_CANCELLED
    entry = PageLogEntry.objects.get(page_id=page.pk, action="ton.moderation.reject")
    assert entry.data["reason"] == "Hors sujet" and entry.user_id == staff.pk
    assert "Hors sujet" in Notification.objects.get(recipient=youth, kind="cms.activity.refused").text


# --- the API ---------------------------------------------------------------------------------------------


def test_api_lists_and_decides(api_client, report, staff, youth):
    api_client.force_authenticate(staff)
    groups = api_client.get("/api/v1/moderation/approvals/").json()
    [group] = [g for g in groups if g["label"] == "cms.activitypage"]
    assert group["count"] == 1 and group["items"][0]["id"] == item(report)
    assert [a["name"] for a in group["items"][0]["actions"]] == ["approve", "changes", "reject"]
    assert len(group["items"][0]["photos"]) == 2
    url = f"/api/v1/moderation/approvals/{item(report)}/decision/"
    assert api_client.post(url, {"action": "reject"}, format="json").status_code == 400  # reason required
    assert api_client.post(url, {"action": "nope"}, format="json").status_code == 400
    response = api_client.post(url, {"action": "approve"}, format="json")
    assert response.status_code == 200, response.content
    assert ActivityPage.objects.get(pk=report.pk).live
    # Decided once: a second tap (here, or in the admin) is a conflict, not an error page.
    assert api_client.post(url, {"action": "approve"}, format="json").status_code == 409


@pytest.mark.parametrize(
    "who, status",
    [("youth", 403), ("leader", 403), ("kita_staff", 404), ("foreign_staff", 404), ("admin", 200), ("staff", 200)],
)
def test_decision_permission_matrix(request, api_client, report, who, status):
    api_client.force_authenticate(request.getfixturevalue(who))
    url = f"/api/v1/moderation/approvals/{item(report)}/decision/"
    assert api_client.post(url, {"action": "approve"}, format="json").status_code == status
    assert ActivityPage.objects.get(pk=report.pk).live is (status == 200)


@pytest.mark.parametrize("who, status", [("youth", 403), ("leader", 403), ("kita_staff", 404), ("foreign_staff", 404)])
def test_page_decision_permission_matrix(request, client, report, who, status):
    client.force_login(request.getfixturevalue(who))
    assert decide(client, report, "approve").status_code == status
    assert not ActivityPage.objects.get(pk=report.pk).live


def test_visitor_and_bad_ids(client, api_client, report, staff):
    assert api_client.get("/api/v1/moderation/approvals/").status_code in {401, 403}
    assert client.post("/moderation/approval/", {"item": item(report), "action": "approve"}).status_code == 302
    api_client.force_authenticate(staff)
    for bad in ["cms.activitypage:0", "cms.activitypage:x", "nope:1", "cms.activitypage:99999999999999999999"]:
        response = api_client.post(f"/api/v1/moderation/approvals/{bad}/decision/", {"action": "approve"})
        assert response.status_code == 404, bad
    client.force_login(staff)
    assert client.post("/moderation/approval/", {"item": "", "action": "approve"}).status_code == 302
    assert client.get("/moderation/approval/").status_code == 405


# --- consistency with the Wagtail admin -----------------------------------------------------------------


def test_approved_in_the_admin_leaves_the_queue(client, report, staff):
    client.force_login(staff)
    task_state = ActivityPage.objects.get(pk=report.pk).current_workflow_state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{report.pk}/approve/{task_state.pk}/")
    assert response.status_code in {200, 302}
    assert ActivityPage.objects.get(pk=report.pk).live
    assert f'value="{item(report)}"' not in client.get("/moderation/").content.decode()
    # The page's stale button: a message, the queue again, nothing changed twice.
    response = decide(client, report, "approve")
    assert response.status_code == 302
    assert actions_logged(report).count("wagtail.workflow.approve") == 1


def test_approved_in_the_queue_leaves_the_admin_dashboard(client, report, staff):
    assert TaskState.objects.reviewable_by(staff).count() == 1
    client.force_login(staff)
    decide(client, report, "approve")
    assert TaskState.objects.reviewable_by(staff).count() == 0
    dashboard = client.get("/admin/").content.decode()
    assert "Journée de salubrité" not in dashboard or "Awaiting your review" not in dashboard


def test_a_resubmitted_report_is_back_in_the_queue(client, report, staff, youth, bamako):
    client.force_login(staff)
    decide(client, report, "changes", comment="Ajoutez le score")
    client.force_login(youth)
    response = client.post(
        f"/activites/mes-recits/{report.pk}/modifier/",
        {"title": "Tournoi", "date": report.date.isoformat(), "section": "bamako", "theme": "culture", "text": "3-1"},
    )
    assert response.status_code == 302
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert "Tournoi" in html and "3-1" in html


# --- poll drafts ----------------------------------------------------------------------------------------


@pytest.fixture
def draft(association, leader):
    return build_poll(association, kind=Kind.RANKED, state="draft", title="Filière 2027", created_by=leader)


def test_a_leaders_draft_is_published_from_the_queue(client, draft, staff):
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert "Sondages à publier" in html and "Filière 2027" in html and "Couture · Mécanique" in html
    response = client.post("/moderation/approval/", {"item": f"votes.poll:{draft.pk}", "action": "publish"})
    assert response.status_code == 302
    assert Poll.objects.get(pk=draft.pk).published
    assert "Filière 2027" not in client.get("/moderation/").content.decode()


def test_poll_drafts_follow_the_publishing_rule(client, api_client, association, leader, bamako, staff, kita_staff):
    bamako_only = build_poll(association, state="draft", title="Bamako seulement", created_by=leader, sections=[bamako])
    client.force_login(kita_staff)
    assert "Bamako seulement" not in client.get("/moderation/").content.decode()
    api_client.force_authenticate(kita_staff)
    url = f"/api/v1/moderation/approvals/votes.poll:{bamako_only.pk}/decision/"
    assert api_client.post(url, {"action": "publish"}, format="json").status_code == 404
    assert api_client.post(url, {"action": "approve"}, format="json").status_code == 400
    api_client.force_authenticate(leader)
    assert api_client.post(url, {"action": "publish"}, format="json").status_code == 403
    api_client.force_authenticate(staff)
    assert api_client.post(url, {"action": "publish"}, format="json").status_code == 200
    assert Poll.objects.get(pk=bamako_only.pk).published


def test_own_published_and_closed_polls_are_not_in_the_queue(client, association, staff):
    build_poll(association, state="draft", title="Mon brouillon", created_by=staff)
    build_poll(association, state="scheduled", title="Déjà publié")
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert "Mon brouillon" not in html and "Déjà publié" not in html


# --- reported items are kept, held items approved ------------------------------------------------------


def test_a_reported_item_says_keep_and_a_held_one_approve(client, make_comment, youth, other_youth, staff):
    from moderation.services import report_create

    reported = make_comment(youth, text="publié puis signalé")
    report_create(reporter=other_youth, content_type="cms.comment", object_id=reported.pk, reason="spam")
    held = make_comment(youth, text="en attente", status="pending")
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    kept = html[html.index(f'id="item-comment-{reported.pk}"') :]
    kept = kept[: kept.index("</form>")]  # up to its decision buttons
    waiting = html[html.index(f'id="item-comment-{held.pk}"') :]
    waiting = waiting[: waiting.index("</form>")]
    assert ">Garder</button>" in kept and ">Approuver</button>" not in kept
    assert ">Approuver</button>" in waiting and ">Garder</button>" not in waiting


def test_the_header_badge_counts_approvals_and_the_tab_counts_the_queue(client, report, staff):
    client.force_login(staff)
    for url in ("/moderation/", "/moderation/log/"):  # counted by the queue page, or by the header itself
        html = client.get(url).content.decode()
        menu = html[html.index('<details class="menu">') : html.index("</details>")]
        assert 'href="/moderation/">Modération <span class="badge"' in menu
        assert 'title="contenus à examiner">1</span>' in menu
    html = client.get("/moderation/").content.decode()
    assert 'data-socket="/ws/moderation/">0</span>' in html
