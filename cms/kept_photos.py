"""Photos already accepted survive a form that is sent back for another error.

When one file is refused (or the title is missing), the good photos are kept: their clean re-encoding is
stored under a random name and remembered in the member's session; the form carries only opaque tokens,
so nobody can point at another member's file.
"""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from cms.images import CleanPhoto

SESSION_KEY = "cms_kept_photos"
FOLDER = "pending_uploads"


def stash(request, photos: dict[int, CleanPhoto]) -> dict[int, str]:
    """Store accepted photos; returns slot number -> token."""
    kept = request.session.get(SESSION_KEY, {})
    tokens = {}
    for number, photo in photos.items():
        token = uuid.uuid4().hex
        photo.content.seek(0)
        path = default_storage.save(f"{FOLDER}/{token}_{photo.content.name}", ContentFile(photo.content.read()))
        kept[token] = {"path": path, "width": photo.width, "height": photo.height, "name": photo.content.name}
        tokens[number] = token
    request.session[SESSION_KEY] = kept
    return tokens


def take(request, token: str, caption: str) -> CleanPhoto | None:
    """The stashed photo behind `token` if it belongs to this session."""
    entry = request.session.get(SESSION_KEY, {}).get(token or "")
    if entry is None or not default_storage.exists(entry["path"]):
        return None
    with default_storage.open(entry["path"], "rb") as handle:
        content = ContentFile(handle.read(), name=entry["name"])
    return CleanPhoto(content, entry["width"], entry["height"], caption)


def forget(request, tokens) -> None:
    kept = request.session.get(SESSION_KEY, {})
    for token in tokens:
        entry = kept.pop(token, None)
        if entry is not None:
            default_storage.delete(entry["path"])
    request.session[SESSION_KEY] = kept
