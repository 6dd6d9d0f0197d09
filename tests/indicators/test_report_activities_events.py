"""Activities and events indicators against hand counts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.models import ActivityPage, ActivityPhoto
from cms.services.workflow import ensure_association_pages
from events.models import Event, EventStatus, Registration, RegistrationStatus
from indicators.report import build_report
from tests.indicators.conftest import Q1, at, table

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "JPEG")
    return get_image_model().objects.create(title="p", file=SimpleUploadedFile("p.jpg", buffer.getvalue()))


@pytest.fixture
def activities(site_tree, association, world, bamako, kita, staff):
    index = ensure_association_pages(association)[1]

    def add(author, section, day, theme, live=True):
        page = index.add_child(
            instance=ActivityPage(
                title=f"Récit {ActivityPage.objects.count()}",
                association=association,
                section=section,
                date=day,
                theme=theme,
                author=author,
                live=live,
            )
        )
        return page

    for youth in world["b_girls"][:5]:
        add(youth, bamako, D(2026, 2, 1), "environment")  # 5 told by youths
    add(staff, bamako, D(2026, 2, 2), "environment")  # 1 told by staff
    add(world["k_boys"][0], kita, D(2026, 3, 1), "culture")  # 1 in Kita
    add(world["k_boys"][1], kita, D(2026, 3, 2), "culture", live=False)  # not published: not counted
    add(world["k_boys"][2], kita, D(2025, 12, 1), "culture")  # previous period
    page = ActivityPage.objects.get(author=staff)
    for people, consent in [(True, True)] * 5 + [(True, False), (False, False)]:
        ActivityPhoto.objects.create(page=page, image=_image(), shows_people=people, consent_recorded=consent)


def test_activity_reports_by_site_theme_and_teller(association, activities):
    report = build_report(association=association, scope=None, period=Q1)
    # reports, told by youths, previous period. Kita's single report is hidden, so Bamako's 6 (and 5) are
    # hidden too: the totals 7 and 6 would give Kita's count away.
    assert table(report, "activities_by_site") == {
        "Bamako": [None, None, 0],
        "Kita": [None, None, None],
        "Total": [7, 6, None],
    }
    themes = table(report, "activities_by_theme")
    assert themes["environment"] == [None, 0]
    assert themes["culture & sport"] == [None, None]
    assert themes["Total"] == [7, None]
    assert table(report, "photos") == {"all photos": [7], "showing people": [6], "of which with consent recorded": [5]}


def test_events_registrations_attendance_and_waitlist(association, world, bamako, kita):
    def event(section, day, kind="workshop"):
        return Event.objects.create(
            association=association,
            section=section,
            title="Atelier",
            kind=kind,
            starts_at=at(day),
            ends_at=at(day, 15),
            status=EventStatus.PUBLISHED,
        )

    workshops = [event(bamako, D(2026, 2, d)) for d in range(1, 6)]
    event(None, D(2026, 3, 1), kind="meeting")  # every site
    event(kita, D(2025, 11, 1))  # previous period
    Event.objects.create(
        association=association,
        section=bamako,
        title="Brouillon",
        kind="sport",
        starts_at=at(D(2026, 2, 1)),
        ends_at=at(D(2026, 2, 1), 15),
        status=EventStatus.DRAFT,
    )
    people = [*world["b_girls"], *world["b_boys"]]
    for i, person in enumerate(people[:6]):
        Registration.objects.create(
            event=workshops[0],
            member=person,
            status=RegistrationStatus.CONFIRMED,
            code=f"C{i}",
            checked_in_at=at(D(2026, 2, 1)) if i < 5 else None,
        )
    for i, person in enumerate(people[6:8]):
        Registration.objects.create(
            event=workshops[0], member=person, status=RegistrationStatus.WAITLISTED, code=f"W{i}", waitlist_number=i + 1
        )
    report = build_report(association=association, scope=None, period=Q1)
    by_site = table(report, "events_by_site")
    assert by_site["Bamako"] == [None, 0]  # 5, hidden: with the total 6 it would give "all sites" away
    assert by_site["Kita"] == [0, None]
    assert by_site["all sites"] == [None, 0]
    assert by_site["Total"] == [6, None]
    by_kind = table(report, "events_by_kind")
    # events, registered, checked in, waiting list, cancelled
    assert by_kind["workshop"] == [None, 6, 5, None, 0]
    assert by_kind["meeting"] == [None, 0, 0, 0, 0]
    assert by_kind["Total"] == [6, 6, 5, None, 0]
