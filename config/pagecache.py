"""Whole pages cached for visitors, and the one token that every cached page and fragment is stored under.

A visitor (no session cookie, no message cookie) asking for a page gets it from the cache, per site, language
and full path: no query, no template (profile: bench/results/profile-home-visitor-before.txt). Members never
do: a request carrying any other cookie than the language and CSRF ones goes through, and is told
`Cache-Control: private, no-cache`.

Invalidation: every cached page and member fragment is stored under the current *content token*. A change to
content (a page published, unpublished or moved, any save or delete of the content apps' models: comments
hidden by a moderation decision, events, polls, sections...) deletes the token at once and again after the
transaction commits, so the next request makes a new one and the old entries are never read again. A delete is what the
fail-safe cache replays after a Redis outage (config/cache.py), so an invalidation made during an outage is
not lost; and while Redis is down nothing is cached or served from the cache at all (`shared_cache_up`):
each process's fallback memory would not see the other processes' invalidations.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)
TOKEN_KEY = "pages:content-token"
PAGE_KEY = "pages:{token}:{host}:{language}:{path}"

# Saved or deleted often, and shown on no cached page or fragment: they do not invalidate.
QUIET_MODELS = {
    "associations.notification",
    "associations.onetimecode",
    "associations.noticepreference",
    "votes.participation",
    "votes.sealedballot",
    "votes.ballot",
    "votes.publicvote",
    "events.calendarfeed",
    "moderation.report",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailsearch.indexentry",
}
CONTENT_APPS = {"associations", "cms", "events", "votes", "moderation", "wagtailcore", "wagtailimages"}
# Cookies a visitor may carry and still get the shared page: neither changes what the page shows (the
# language is in the key; a visitor's page has no CSRF token).
VISITOR_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def shared_cache_up() -> bool:
    """False without a shared cache (settings.CACHE_IS_SHARED) and while the fail-safe cache is serving from
    this process's memory (Redis down)."""
    return settings.CACHE_IS_SHARED and not getattr(cache, "is_down", False)


def content_token() -> str | None:
    """The token the cached pages and fragments of the current content are stored under; None when nothing
    should be cached now (the shared cache is down)."""
    if not shared_cache_up():
        return None
    token = cache.get(TOKEN_KEY)
    if token is None:
        cache.add(TOKEN_KEY, secrets.token_hex(8), None)
        token = cache.get(TOKEN_KEY)
    return token if token is not None and shared_cache_up() else None


def content_changed() -> None:
    """Forget every cached page and fragment now, and again once the current transaction commits: a reader
    that made a new token between the two may have read the data before the commit."""
    _forget_token()
    transaction.on_commit(_forget_token)


def _forget_token() -> None:
    # A cache that fails must not fail the write that changed the content (a vote, a decision). While it is
    # down nothing is served from it; pages stored before the outage live at most PAGE_CACHE_SECONDS more.
    try:
        cache.delete(TOKEN_KEY)
    except Exception:
        logger.warning("page cache: could not forget the content token", exc_info=True)


def _on_model_change(sender, instance=None, raw=False, update_fields=None, **kwargs):
    meta = getattr(sender, "_meta", None)
    if raw or meta is None or meta.app_label not in CONTENT_APPS or meta.label_lower in QUIET_MODELS:
        return
    if meta.label_lower == "associations.user" and update_fields and set(update_fields) <= {"last_login"}:
        return  # a login is no content change
    content_changed()


def _on_page_signal(sender, **kwargs):
    content_changed()


def connect() -> None:
    """Called once from an app's ready(): model signals of the content apps and Wagtail's page signals."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Per model, not for every sender: a receiver on every model would stop Django's fast deletes (a bulk
    # delete would first read the rows to send their signals), e.g. the sealed ballots a mix removes.
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in CONTENT_APPS or meta.label_lower in QUIET_MODELS:
            continue
        post_save.connect(_on_model_change, sender=model, dispatch_uid=f"pages.save.{meta.label_lower}")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"pages.delete.{meta.label_lower}")
        for field in meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_on_model_change, sender=through, dispatch_uid=f"pages.m2m.{through._meta.label_lower}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"pages.{id(signal)}")


def is_visitor_request(request) -> bool:
    """A GET or HEAD by someone who is surely not logged in: no cookie but the language and CSRF ones (so no
    session) — decided without reading the session or the database."""
    return request.method in {"GET", "HEAD"} and set(request.COOKIES) <= VISITOR_COOKIES


def _page_key(request, token: str) -> str:
    host = request.get_host()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return PAGE_KEY.format(token=token, host=host, language=language, path=request.get_full_path())


def _cacheable(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not any(word in control for word in ("private", "no-cache", "no-store", "max-age=0"))
    )


class VisitorPageCacheMiddleware:
    """Placed after LocaleMiddleware (the key holds the language) and before everything that reads the
    session or the user, so a hit costs two cache reads and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        visitor = seconds > 0 and is_visitor_request(request)
        token = content_token() if visitor else None
        if token is not None:
            key = _page_key(request, token)
            stored = cache.get(key)
            if stored is not None and shared_cache_up():
                return self._rebuild(stored)
        response = self.get_response(request)
        if request.method not in {"GET", "HEAD"} or not response.get("Content-Type", "").startswith("text/html"):
            return response
        # A page that asked for a CSRF token holds one: it is this visitor's, never another's.
        if visitor and _cacheable(response) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            response["X-Page-Cache"] = "miss"
            if token is not None and shared_cache_up():
                cache.set(key, self._stored(response), seconds)
        elif "Cache-Control" not in response:
            # A member's page, or a visitor's page that carries a cookie or a token: never in a shared cache.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _stored(response) -> tuple:
        headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
        return response.status_code, headers, response.content

    @staticmethod
    def _rebuild(stored) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
