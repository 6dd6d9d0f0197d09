"""Turn member text (plain or HTML) into safe rich text before it is stored.

Wagtail filters rich text only inside its own editor; text from the front-end form or the API is
cleaned here: a small allowlist of tags without any attribute, everything else escaped or dropped
(script and style contents included). Links are not kept: members' links must not be clickable.
"""

from html import escape
from html.parser import HTMLParser

ALLOWED = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "svg", "math", "noscript"}
VOID = {"br"}


class _Cleaner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT:
            self.dropping += 1
        elif not self.dropping and tag in ALLOWED:
            self.out.append(f"<{tag}>" if tag not in VOID else "<br/>")
            if tag not in VOID:
                self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.dropping and tag in VOID:
            self.out.append("<br/>")

    def handle_endtag(self, tag):
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif not self.dropping and tag in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def sanitize_html(html: str) -> str:
    """Allowlisted HTML: only ALLOWED tags, no attributes, text escaped."""
    cleaner = _Cleaner()
    cleaner.feed(html or "")
    cleaner.close()
    return cleaner.result()


def text_to_html(text: str) -> str:
    """Member text to stored rich text: markup is sanitised, blank lines make paragraphs."""
    paragraphs = [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    html = []
    for paragraph in filter(None, paragraphs):
        clean = sanitize_html(paragraph).replace("\n", "<br/>")
        html.append(clean if clean.startswith(("<p>", "<ul>", "<ol>")) else f"<p>{clean}</p>")
    return "".join(html)


def html_to_text(html: str) -> str:
    """Stored rich text back to the plain text shown in the edit form."""

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "br":
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in {"p", "li", "ul", "ol"}:
                self.parts.append("\n\n")

        def handle_data(self, data):
            self.parts.append(data)

    parser = _Text()
    parser.feed(html or "")
    return "".join(parser.parts).strip()
