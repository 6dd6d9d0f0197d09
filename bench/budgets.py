"""Helpers to measure what a page costs a phone: bytes on the wire and hosts it reaches."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders

PAGE_BUDGET_BYTES = 14_600
URL_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction"}


class _AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.urls: list[str] = []
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.stylesheets.append(values.get("href") or "")
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
                self.urls.extend(urls)
                if name != "href" or tag == "link":
                    self.loaded.extend(urls)


def parse(html: str) -> _AssetParser:
    parser = _AssetParser()
    parser.feed(html)
    return parser


def _static_file(name: str) -> str | None:
    # Collected (hashed) files in production mode, the source folders elsewhere.
    if settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / name).is_file():
        return str(Path(settings.STATIC_ROOT) / name)
    return finders.find(name)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight(html: bytes) -> dict:
    """Gzip bytes of the HTML plus every stylesheet it links: what is needed to render the page."""
    parsed = parse(html.decode())
    css_bytes = 0
    for href in parsed.stylesheets:
        path = urlparse(href).path
        assert path.startswith("/static/"), f"stylesheet outside /static/: {href}"
        found = _static_file(path.removeprefix("/static/"))
        assert found, f"stylesheet not found: {href}"
        with open(found, "rb") as handle:
            css_bytes += gzip_size(handle.read())
    html_bytes = gzip_size(html)
    return {"html": html_bytes, "css": css_bytes, "total": html_bytes + css_bytes}


def external_urls(html: str, allowed_hosts=("testserver", "localhost", "127.0.0.1"), loaded_only=False) -> list[str]:
    """Absolute URLs in attributes and inline CSS that point anywhere but this site.

    With `loaded_only`, plain hyperlinks are allowed and only what the browser would fetch counts.
    """
    parsed = parse(html)
    found = (parsed.loaded if loaded_only else parsed.urls) + re.findall(r"url\(\s*['\"]?([^'\")]+)", html)
    external = []
    for url in found:
        parts = urlparse(url.strip())
        absolute = parts.scheme in {"http", "https", "ws", "wss"} or url.startswith("//")
        if absolute and parts.hostname not in allowed_hosts:
            external.append(url)
    return external
