"""Domain errors in HTML views: the counterpart of `config.api.exceptions` for pages.

Services raise `config.errors.DomainError`; a page view never inspects its status. The mapping is the same
everywhere:

- `NotFound` → Django's `Http404` (the site's 404 page: existence is not revealed);
- `Forbidden` → Django's `PermissionDenied` with the refusal's words (the site's 403 page);
- any other refusal → the form's non-field error when the view shows its form again (`form_errors`: what the
  member typed stays), otherwise `messages.error` and a redirect back (`domain_errors`);
- a client asking for JSON (the check-in script) gets the API's error shape and status instead.

    @domain_errors(back="events:detail")       # `back` is reversed with the view's own URL kwargs
    def event_register(request, pk): ...

    with form_errors(form):                    # inside a view that shows `form` again on refusal
        event = services.event_create(...)
        return redirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form}, status=form_status(form))
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from config.api.exceptions import error_body
from config.errors import DomainError, Forbidden, NotFound

Back = str | Callable[..., str] | None


def raise_for_page(error: DomainError) -> None:
    """Re-raise what has a site page of its own (404, 403); return for every other refusal."""
    if isinstance(error, NotFound):
        raise Http404(error.message) from error
    if isinstance(error, Forbidden):
        raise PermissionDenied(error.message) from error


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def json_error(error: DomainError) -> JsonResponse:
    return JsonResponse(error_body(error.status, error.code, error.message), status=error.status)


def safe_next(request) -> str | None:
    """The `next` the page sent (form field or query string) when it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def redirect_back(request, default: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request) or default)


def _back_url(request, back: Back, kwargs: dict) -> str:
    """Where a refused button sends the member: a same-site `next`, else the view's own `back`, else "/"."""
    target = safe_next(request)
    if target:
        return target
    if callable(back):
        return back(request, **kwargs)
    if back:
        return reverse(back, kwargs=kwargs) if ":" in back or "/" not in back else back
    return "/"


def _respond(request, error: DomainError, *, back: Back, template: str, kwargs: dict):
    if wants_json(request):
        return json_error(error)
    raise_for_page(error)
    if request.method in {"GET", "HEAD"}:
        # A refused read (a bad filter, say) has no page to go back to: say why on a page of its own.
        return render(request, template, {"error": error.message}, status=error.status)
    messages.error(request, error.message)
    return HttpResponseRedirect(_back_url(request, back, kwargs))


def domain_errors(view=None, *, back: Back = None, template: str = "refused.html"):
    """Decorate an HTML view so that a `DomainError` escaping it becomes the right page (see the module).

    `back`: where a refused POST goes — a URL name reversed with the view's URL kwargs, a path, or a
    callable `(request, **kwargs) -> url`; a safe `next` field wins. `template` shows a refused GET.
    """

    def decorate(function):
        @functools.wraps(function)
        def wrapped(request, *args, **kwargs):
            try:
                return function(request, *args, **kwargs)
            except DomainError as error:
                return _respond(request, error, back=back, template=template, kwargs=kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


class DomainErrorsMixin:
    """`domain_errors` for class-based views: set `domain_error_back` / `domain_error_template`."""

    domain_error_back: Back = None
    domain_error_template = "refused.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except DomainError as error:
            return _respond(
                request, error, back=self.domain_error_back, template=self.domain_error_template, kwargs=kwargs
            )


@dataclass
class Refusal:
    """What `form_errors` caught: the refusal, or None when the block ran to its end."""

    error: DomainError | None = None

    @property
    def status(self) -> int:
        return self.error.status if self.error is not None else 200


@contextmanager
def form_errors(form=None, *, field: str | None = None) -> Iterator[Refusal]:
    """Inside a view that shows `form` again: a refusal becomes the form's error (`field`, or non-field),
    so nothing the member typed is lost. Errors carrying per-field messages (`error.errors`, a list of
    (field, message)) land on those fields. NotFound and Forbidden still become the 404 / 403 pages."""
    refusal = Refusal()
    try:
        yield refusal
    except DomainError as error:
        raise_for_page(error)
        refusal.error = error
        if form is not None:
            pairs = getattr(error, "errors", None) or [(field, error.message)]
            for name, message in pairs:
                form.add_error(name if name in form.fields else None, message)
