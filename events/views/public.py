"""Member-facing event pages: list, event page, register / cancel, calendars. Thin: rules live in services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.html_errors import domain_errors
from events import selectors, services
from events.calendars import calendar_bytes
from events.models import CalendarFeed, EventKind, RegistrationStatus
from events.rules import can_create_event


@login_required
def event_list(request):
    past = request.GET.get("past") == "1"
    asked = request.GET.get("section", "")[:50]
    section = selectors.list_section(request.user, asked)
    kind = request.GET.get("kind", "")
    kind = kind if kind in EventKind.values else ""
    events = selectors.event_list(request.user, section=section, kind=kind, past=past)
    page = Paginator(events.prefetch_related("audience_sections"), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.with_join_hints(request.user, page.object_list)
    shown = section or selectors.ALL_SECTIONS
    query = urlencode([(k, v) for k, v in (("section", shown), ("kind", kind), ("past", "1" if past else "")) if v])
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "past": past,
            "section": shown,
            "all_sections": selectors.ALL_SECTIONS,
            "kind": kind,
            "kinds": EventKind.choices,
            "sections": selectors.filter_sections(request.user),
            "can_create": can_create_event(request.user),
            "query": query,
        },
    )


@login_required
@domain_errors
def event_detail(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    registration = selectors.viewer_registration(request.user, event)
    active = registration is not None and registration.is_active
    refusal = None
    if not active:
        sections = [s.pk for s in event.audience_sections.all()]
        refusal = services.registration_refusal(request.user, event, audience_section_ids=sections)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration if active else None,
            "position": services.waitlist_position(registration) if active else None,
            "refusal": refusal,
            "places_left": event.places_left,
            "can_manage": request.user.has_perm("events.manage_event", event),
            "can_publish": event.status == "pending" and request.user.has_perm("events.publish_event", event),
            "confirmed": RegistrationStatus.CONFIRMED,
        },
    )


@login_required
@require_POST
@domain_errors(back="events:detail")
def event_register(request, pk: int):
    selectors.require_event_visible(request.user, pk)
    result = services.registration_register(user=request.user, event_id=pk)
    if result.position:
        messages.info(
            request, _("The event is full: you are number %(n)s on the waiting list.") % {"n": result.position}
        )
    else:
        messages.success(request, _("You are registered."))
    return redirect("events:detail", pk=pk)


@login_required
@require_POST
@domain_errors(back="events:detail")
def event_unregister(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    registration = selectors.viewer_registration(request.user, event)
    if "confirm" not in request.POST and selectors.leaving_gives_up_a_taken_place(registration, event):
        return render(request, "events/unregister_confirm.html", {"event": event})
    services.registration_cancel(user=request.user, event_id=pk)
    waiting = registration is not None and registration.status == RegistrationStatus.WAITLISTED
    messages.success(request, _("You left the waiting list.") if waiting else _("Your registration is cancelled."))
    return redirect("events:detail", pk=pk)


@login_required
@domain_errors
def event_ics(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    response = HttpResponse(calendar_bytes([event], name=event.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


@login_required
def my_calendar(request):
    feed = services.calendar_feed_get(user=request.user)
    url = request.build_absolute_uri(f"/evenements/agenda/{feed.token}.ics")
    return render(request, "events/my_calendar.html", {"feed_url": url})


@login_required
@require_POST
def my_calendar_regenerate(request):
    services.calendar_feed_regenerate(user=request.user)
    messages.success(request, _("New link created: the old one no longer works."))
    return redirect("events:my_calendar")


def calendar_feed(request, token: str):
    """The private feed: the secret token is the only credential (calendar apps cannot log in)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if feed.user.erased_at or not feed.user.is_active:
        raise Http404
    events = selectors.feed_events(feed.user)
    response = HttpResponse(calendar_bytes(events, name=_("My events")), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
