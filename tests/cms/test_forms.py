"""The “Raconter une activité” form: access, prefill from events, per-file errors, nothing else lost."""

import datetime
import re

import pytest

from cms.models import ActivityPage
from tests.cms.conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db
URL = "/activites/raconter/"


def form_data(**overrides):
    data = {
        "title": "Nettoyage du marché",
        "date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "section": "bamako",
        "theme": "environment",
        "text": "Nous étions vingt.\n\nLe marché est propre.",
        "participants": "20",
    }
    data.update(overrides)
    return data


def test_visitors_are_sent_to_login_and_non_members_refused(client, tree, member):
    assert client.get(URL).status_code == 302
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_prefill_from_an_event_link(client, tree, youth):
    client.force_login(youth)
    html = client.get(URL + "?title=Tournoi&date=2026-03-01&section=kita&participants=42&event=7").content.decode()
    assert 'value="Tournoi"' in html and 'value="2026-03-01"' in html
    assert '<option value="kita" selected>' in html
    assert 'value="42"' in html and 'name="event" value="7"' in html
    # Bad parameters are ignored, not a crash.
    assert client.get(URL + "?date=hier&section=nulle-part&participants=beaucoup&event=x").status_code == 200


def test_youth_posts_an_activity_with_photos(client, tree, youth):
    client.force_login(youth)
    data = form_data(photo_1=upload("a.jpg"), caption_1="Le groupe", photo_2=upload("b.jpg"))
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == "/activites/mes-recits/"
    page = ActivityPage.objects.get()
    assert not page.live and page.author == youth and page.event_id is None
    assert [p.caption for p in page.photos.all()] == ["Le groupe", ""]
    html = client.get("/activites/mes-recits/").content.decode()
    assert "Nettoyage du marché" in html and "en attente" in html


def test_event_id_is_stored(client, tree, youth, association, leader):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import Event

    starts = timezone.now() - timedelta(days=2)
    event = Event.objects.create(
        association=association,
        title="Tournoi",
        kind="sport",
        place="Bamako",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status="published",
        created_by=leader,
    )
    client.force_login(youth)
    client.post(URL, form_data(event=str(event.pk)))
    assert ActivityPage.objects.get().event_id == event.pk


def test_unknown_event_is_a_form_error(client, tree, youth):
    client.force_login(youth)
    response = client.post(URL, form_data(event="987654"))
    assert response.status_code == 400
    assert "Cet événement n&#x27;est pas un événement de l&#x27;association." in response.content.decode()
    assert not ActivityPage.objects.exists()


def test_a_bad_file_is_named_and_the_rest_of_the_form_kept(client, tree, youth):
    client.force_login(youth)
    bad = upload("virus.jpg", b"<html><script>alert(1)</script></html>")
    response = client.post(URL, form_data(photo_1=upload("ok.jpg"), photo_2=bad, caption_2="x"))
    assert response.status_code == 400  # refused upload: never answered as a success
    html = response.content.decode()
    assert "virus.jpg : ce fichier n&#x27;est pas une simple photo" in html
    assert 'value="Nettoyage du marché"' in html and "Le marché est propre." in html
    assert not ActivityPage.objects.exists()
    # The accepted photo is kept: sending the form again without choosing it again posts it.
    token = re.search(r'name="kept_1" value="([0-9a-f]+)"', html).group(1)
    response = client.post(URL, form_data(kept_1=token, caption_1="Gardée"))
    assert response.status_code == 302
    assert [p.caption for p in ActivityPage.objects.get().photos.all()] == ["Gardée"]


def test_a_kept_photo_token_works_only_in_its_own_session(client, tree, youth, other_youth):
    client.force_login(youth)
    html = client.post(URL, form_data(title="", photo_1=upload("ok.jpg"))).content.decode()
    token = re.search(r'name="kept_1" value="([0-9a-f]+)"', html).group(1)
    client.force_login(other_youth)
    assert client.post(URL, form_data(kept_1=token)).status_code == 302
    assert ActivityPage.objects.get().photos.count() == 0


def test_html_in_the_text_is_sanitised_before_storage(client, tree, youth):
    client.force_login(youth)
    text = 'Bonjour <script>alert(1)</script><b onclick="x()">fort</b> <a href="javascript:x">lien</a>'
    client.post(URL, form_data(text=text))
    stored = ActivityPage.objects.get().body[0].value.source
    assert "<script" not in stored and "onclick" not in stored and "<a" not in stored and "javascript" not in stored
    assert "<b>fort</b>" in stored and "lien" in stored


def test_future_date_and_missing_fields_are_refused(client, tree, youth):
    client.force_login(youth)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert client.post(URL, form_data(date=tomorrow)).status_code == 400
    assert client.post(URL, form_data(title="")).status_code == 400
    assert client.post(URL, form_data(section="dakar")).status_code == 400
    assert not ActivityPage.objects.exists()


def test_staff_choose_visibility_and_publish_directly(client, tree, staff, youth):
    client.force_login(youth)
    assert 'name="visibility"' not in client.get(URL).content.decode()
    client.force_login(staff)
    assert 'name="visibility"' in client.get(URL).content.decode()
    client.post(URL, form_data(visibility="public"))
    page = ActivityPage.objects.get()
    assert page.live and page.visibility == "public"
    assert client.logout() is None
    assert client.get(page.url).status_code == 200


def test_too_big_photo_message(client, tree, youth, settings):
    client.force_login(youth)
    big = upload("grosse.jpg", jpeg_bytes() + b"\0" * (10 * 1024 * 1024 + 1))
    html = client.post(URL, form_data(photo_1=big)).content.decode()
    assert "grosse.jpg : la photo dépasse 10 Mo." in html
