"""Malformed input is refused in one place, with a 400, before any view or database sees it.

- A NUL byte in the path, a query string or a form field (PostgreSQL cannot store or compare one): the middleware
  answers 400, with the API's error shape under /api/ and a short page elsewhere.
- JSON nested deeper than `MAX_JSON_DEPTH`, or carrying a NUL in any string: the API's JSON parser raises
  a parse error (400 in the error shape) instead of a RecursionError deep inside DRF.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32
NUL = "\x00"


def _has_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


def _form_fields_have_nul(request) -> bool:
    if request.method not in {"POST", "PUT", "PATCH"}:
        return False
    content_type = request.content_type or ""
    if content_type not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return False
    try:
        return _has_nul(request.POST)
    except Exception:  # a broken multipart body: the view's own parsing will refuse it
        return False


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _has_nul(request.GET) or _form_fields_have_nul(request):
            return bad_request(request, _("The request contains a forbidden character (NUL)."))
        return self.get_response(request)


def bad_request(request, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"status": 400, "code": "parse_error", "message": message}}, status=400)
    html = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>400</title></head>'
        f'<body><h1>{escape(message)}</h1><p><a href="/">⌂</a></p></body></html>'
    )
    return HttpResponse(html, status=400)


def check_json(value, depth: int = 0) -> None:
    """Raise ValueError when `value` is nested too deep or holds a NUL (iterative: no recursion limit)."""
    stack = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if level > MAX_JSON_DEPTH:
            raise ValueError("too deep")
        if isinstance(item, str):
            if NUL in item:
                raise ValueError("NUL")
        elif isinstance(item, dict):
            stack.extend((key, level + 1) for key in item)
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, refusing over-deep documents and NUL characters with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("JSON nested too deep.")) from error
        try:
            check_json(data)
        except ValueError as error:
            raise ParseError(_("JSON nested too deep, or containing a forbidden character (NUL).")) from error
        return data


__all__ = ["MAX_JSON_DEPTH", "RefuseNulBytesMiddleware", "SafeJSONParser", "bad_request", "check_json"]
