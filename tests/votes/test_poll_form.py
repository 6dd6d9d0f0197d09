"""Leaders and staff put a question to the members from the site (issue 12): the poll form without
JavaScript, drafts published by staff, edits while upcoming, a new poll started from an old one."""

import datetime

import pytest
from django.utils import timezone

from associations.models import Notification
from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from tests.votes.conftest import close_now
from votes.models import Kind, Poll, State

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


def _window(days_from_now=0, length=7):
    opens = timezone.localtime() + datetime.timedelta(days=days_from_now, minutes=-1)
    return opens.strftime(LOCAL), (opens + datetime.timedelta(days=length)).strftime(LOCAL)


def _data(**overrides):
    opens, closes = _window()
    data = {
        "title": "Filière 2027",
        "question": "Quelle filière ouvrir l'an prochain ?",
        "description": "Quatre filières sont possibles.",
        "topic": "training",
        "kind": Kind.RANKED,
        "opens_at": opens,
        "closes_at": closes,
        "eligible_roles": ["youth", "leader"],
        "ballot": "secret",
        "results_visibility": "after_close",
        "quorum_percent": "0",
        "min_choices": "1",
        "option": ["Couture", "Mécanique", "Informatique", "Agriculture"],
    }
    data.update(overrides)
    return data


def test_youth_and_visitor_cannot_open_the_form(client, youth):
    assert client.get("/sondages/nouveau/").status_code == 302
    client.force_login(youth)
    response = client.get("/sondages/nouveau/")
    assert response.status_code == 403
    assert "<html" in response.content.decode()  # the site's 403 page, not a bare text
    assert client.post("/sondages/nouveau/", _data()).status_code == 403
    assert not Poll.objects.exists()


def test_the_form_opens_now_and_closes_in_seven_days(client, leader):
    client.force_login(leader)
    response = client.get("/sondages/nouveau/")
    html = response.content.decode()
    assert response.status_code == 200
    form = response.context["form"]
    opens, closes = form.initial["opens_at"], form.initial["closes_at"]
    assert abs((opens - timezone.localtime()).total_seconds()) < 120
    assert closes - opens == datetime.timedelta(days=7)
    assert html.count('name="option"') == 4
    assert 'name="publish"' not in html  # a leader's poll waits for staff
    assert "Bamako" in html


def test_a_leader_creates_a_ranked_draft_and_staff_are_told(client, leader, staff, kita_staff, youth):
    client.force_login(leader)
    response = client.post("/sondages/nouveau/", _data())
    poll = Poll.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sondages/{poll.pk}/"
    assert poll.kind == Kind.RANKED and not poll.published and poll.state == State.DRAFT
    assert poll.created_by == leader and poll.secret
    assert [o.label for o in poll.options.order_by("position")] == [
        "Couture",
        "Mécanique",
        "Informatique",
        "Agriculture",
    ]
    # Every staff member of the association may publish a poll for all sections: all are told; no youth.
    told = set(Notification.objects.filter(kind="votes.draft").values_list("recipient__username", flat=True))
    assert told == {staff.username, kita_staff.username}
    page = client.get(poll.get_absolute_url()).content.decode()
    assert "brouillon" in page.lower() and f"/sondages/{poll.pk}/modifier/" in page
    client.force_login(youth)
    assert client.get(poll.get_absolute_url()).status_code == 404  # a draft is not shown to members


def test_a_poll_for_one_section_tells_only_the_staff_who_may_publish_it(client, leader, staff, kita_staff, bamako):
    client.force_login(leader)
    client.post("/sondages/nouveau/", _data(sections=[bamako.pk]))
    told = set(Notification.objects.filter(kind="votes.draft").values_list("recipient__username", flat=True))
    assert told == {staff.username}


def test_staff_publish_at_creation(client, staff):
    client.force_login(staff)
    assert 'name="publish"' in client.get("/sondages/nouveau/").content.decode()
    client.post("/sondages/nouveau/", _data(publish="on", kind=Kind.SINGLE))
    poll = Poll.objects.get()
    assert poll.published and poll.state == State.OPEN
    assert not Notification.objects.filter(kind="votes.draft").exists()


def test_one_more_line_keeps_everything_typed_and_saves_nothing(client, leader):
    client.force_login(leader)
    data = _data(option=["Couture", "", "Mécanique"], add_row="1", title="")
    response = client.post("/sondages/nouveau/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Poll.objects.exists()
    assert response.context["rows"] == ["Couture", "Mécanique", ""]  # the emptied line is gone, one added
    assert html.count('name="option"') == 3
    assert "Quelle filière ouvrir l&#x27;an prochain ?" in html
    assert 'role="alert"' not in html  # nothing was judged yet: the empty title is not an error here


def test_a_refused_form_keeps_everything_typed(client, leader):
    client.force_login(leader)
    opens, _closes = _window()
    response = client.post("/sondages/nouveau/", _data(closes_at=opens, option=["Couture", "Couture", "Mécanique"]))
    html = response.content.decode()
    assert response.status_code == 400 and not Poll.objects.exists()
    assert "Filière 2027" in html and html.count('value="Couture"') == 2 and 'value="Mécanique"' in html
    assert "se clore après son ouverture" in html
    # Dates right, duplicate options: the services refuse it, the form still holds every value.
    response = client.post("/sondages/nouveau/", _data(option=["Couture", "couture ", "Mécanique"]))
    assert response.status_code == 400 and not Poll.objects.exists()
    assert html.count('name="option"') == 3 and 'value="Mécanique"' in response.content.decode()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"title": ""}, "title"),
        ({"eligible_roles": []}, "eligible_roles"),
        ({"quorum_percent": "150"}, "quorum_percent"),
        ({"kind": "plebiscite"}, "kind"),
        ({"opens_at": "demain"}, "opens_at"),
        ({"min_age": "-3"}, "min_age"),
    ],
)
def test_bad_input_is_a_form_error_not_a_500(client, leader, override, field):
    client.force_login(leader)
    response = client.post("/sondages/nouveau/", _data(**override))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Poll.objects.exists()


def test_yes_no_polls_get_their_three_options(client, staff):
    client.force_login(staff)
    client.post("/sondages/nouveau/", _data(kind=Kind.YES_NO, option=["", "", "", ""], publish="on"))
    assert Poll.objects.get().options.count() == 3


def test_edit_while_upcoming_then_only_the_description_once_open(client, staff, make_poll):
    poll = make_poll(kind=Kind.SINGLE, state="scheduled")
    client.force_login(staff)
    page = client.get(f"/sondages/{poll.pk}/modifier/").content.decode()
    assert 'value="Couture"' in page
    response = client.post(
        f"/sondages/{poll.pk}/modifier/",
        _data(kind=Kind.SINGLE, title="Nouveau titre", option=["Couture", "Élevage"], ballot="public"),
    )
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.title == "Nouveau titre" and poll.secret  # the ballot secrecy never changes
    assert [o.label for o in poll.options.order_by("position")] == ["Couture", "Élevage"]
    Poll.objects.filter(pk=poll.pk).update(opens_at=timezone.now() - datetime.timedelta(hours=1))
    page = client.get(f"/sondages/{poll.pk}/modifier/").content.decode()
    assert "seule sa description" in page or "only its description" in page
    assert 'name="option"' not in page
    response = client.post(
        f"/sondages/{poll.pk}/modifier/",
        {"description": "Précision ajoutée", "title": "Titre changé", "option": ["X", "Y"]},
    )
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.description == "Précision ajoutée" and poll.title == "Nouveau titre"
    assert [o.label for o in poll.options.order_by("position")] == ["Couture", "Élevage"]


def test_who_may_edit(client, make_poll, leader, youth, kita_staff, foreign_staff, staff):
    draft = make_poll(state="draft", created_by=leader)
    url = f"/sondages/{draft.pk}/modifier/"
    client.force_login(leader)
    assert client.get(url).status_code == 200  # their own draft
    client.force_login(youth)
    assert client.get(url).status_code == 404  # cannot even see the draft
    client.force_login(foreign_staff)
    assert client.get(url).status_code == 404
    client.force_login(kita_staff)
    assert client.get(url).status_code == 200  # staff of the association, poll for all sections
    client.force_login(staff)
    client.post(f"/sondages/{draft.pk}/publier/", {"published": "1"})
    client.force_login(leader)
    assert client.get(url).status_code == 403  # published: the leader no longer changes it


def test_staff_publish_a_draft_from_the_poll_page(client, make_poll, leader, staff, youth):
    draft = make_poll(state="draft", created_by=leader)
    client.force_login(leader)
    refused = client.post(f"/sondages/{draft.pk}/publier/", {"published": "1"})
    assert refused.status_code == 403 and "Seule" in refused.content.decode()  # the site's 403 page says why
    draft.refresh_from_db()
    assert not draft.published  # a leader cannot publish
    client.force_login(staff)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'action="/sondages/{draft.pk}/publier/"' in page
    client.post(f"/sondages/{draft.pk}/publier/", {"published": "1"})
    draft.refresh_from_db()
    assert draft.published
    client.force_login(youth)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_start_a_new_poll_from_a_closed_one(client, make_poll, staff, youth):
    old = make_poll(kind=Kind.RANKED, state="closed", title="Filières 2026")
    client.force_login(staff)
    page = client.get(old.get_absolute_url()).content.decode()
    assert f"/sondages/nouveau/?depuis={old.pk}" in page
    response = client.get(f"/sondages/nouveau/?depuis={old.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Filières 2026"' in html and 'value="Agriculture"' in html
    assert response.context["form"].initial["opens_at"] > old.closes_at  # new dates, not the old ones
    client.force_login(youth)
    assert client.get(f"/sondages/nouveau/?depuis={old.pk}").status_code == 403
    client.force_login(staff)
    assert client.get("/sondages/nouveau/?depuis=999999").status_code == 404


def test_list_offers_the_form_to_leaders_and_staff_only(client, leader, youth):
    client.force_login(youth)
    assert "/sondages/nouveau/" not in client.get("/sondages/").content.decode()
    client.force_login(leader)
    assert "/sondages/nouveau/" in client.get("/sondages/").content.decode()


def test_form_page_fits_the_budget_and_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    html = client.get("/sondages/nouveau/").content
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
    assert external_urls(html.decode()) == []
    with django_assert_max_num_queries(8):
        client.get("/sondages/nouveau/")


def test_closed_poll_tools_still_record_the_outcome(client, make_poll, staff):
    poll = close_now(make_poll())
    client.force_login(staff)
    page = client.get(poll.get_absolute_url()).content.decode()
    assert f'action="/sondages/{poll.pk}/decision/"' in page


def test_django_admin_poll_form_publishes_by_default_with_role_checkboxes(client, admin):
    client.force_login(admin)
    html = client.get("/django-admin/votes/poll/add/").content.decode()
    assert 'type="checkbox" name="eligible_roles" value="youth"' in html
    assert 'name="published" id="id_published" checked' in html


def test_without_a_membership_or_for_another_association_the_form_says_why(client, member, leader, foreign_staff):
    client.force_login(member)
    response = client.get("/sondages/nouveau/")
    assert response.status_code == 403 and "Seuls les membres" in response.content.decode()
    client.force_login(leader)
    foreign = foreign_staff.memberships.get().association_id
    response = client.get(f"/sondages/nouveau/?association={foreign}")
    assert response.status_code == 403 and "Tu n&#x27;agis pas pour cette association" in response.content.decode()


def test_results_after_voting_is_offered_ticked_and_saved(client, staff):
    client.force_login(staff)
    assert (
        'name="results_after_voting" id="id_results_after_voting" checked'
        in client.get("/sondages/nouveau/").content.decode()
    )
    client.post("/sondages/nouveau/", _data(publish="on", results_after_voting="on"))
    client.post("/sondages/nouveau/", _data(publish="on", title="Sans case"))
    assert dict(Poll.objects.values_list("title", "results_after_voting")) == {"Filière 2027": True, "Sans case": False}
