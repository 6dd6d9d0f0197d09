"""Uploaded photos: validate strictly, then re-encode without any metadata.

Every photo (front-end form, API, Wagtail admin) goes through `clean_photo`: JPEG, PNG or WebP only,
at most 10 MB and 40 megapixels, the content must match the extension, no markup hidden in the bytes
(SVG, HTML renamed .jpg, polyglots). The stored file is a fresh encoding of the pixels only: no EXIF,
no GPS, no comments, orientation applied, long side capped, random file name.
"""

import hashlib
import io
import re
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2048  # longest side of the stored original: enough for any phone screen
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Markup that turns an "image" into a page a browser might render (SVG, HTML, polyglots).
MARKUP = re.compile(rb"<\s*(svg|html|script|body|iframe|\?xml|\?php|!doctype)|javascript:", re.IGNORECASE)


@dataclass
class CleanPhoto:
    """A photo ready to store: re-encoded bytes, dimensions and the caption the member gave."""

    content: ContentFile
    width: int
    height: int
    caption: str = ""


def _refuse(message, name: str):
    raise ValidationError(message, code="photo", params={"name": name})


def clean_photo(upload, *, caption: str = "") -> CleanPhoto:
    """Validate an uploaded file and return its clean re-encoding, or raise ValidationError."""
    name = getattr(upload, "name", "") or "photo"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        _refuse(_("%(name)s: only JPEG, PNG or WebP photos are accepted."), name)
    if upload.size > MAX_BYTES:
        _refuse(_("%(name)s: the photo is larger than 10 MB."), name)
    upload.seek(0)
    data = upload.read()
    if MARKUP.search(data):
        _refuse(_("%(name)s: this file is not a plain photo (it contains web code)."), name)
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses: a warning is already a pixel flood for us.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format != FORMATS[extension]:
                _refuse(_("%(name)s: the file's content does not match its extension."), name)
            if image.width * image.height > MAX_PIXELS:
                _refuse(_("%(name)s: the photo has more than 40 megapixels."), name)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("%(name)s: the photo has more than 40 megapixels."), name)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        _refuse(_("%(name)s: this file is not a readable photo."), name)
    return _reencode(image, caption=caption)


def _reencode(image: Image.Image, *, caption: str) -> CleanPhoto:
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha and source_format != "JPEG" else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image from the raw pixels carries nothing else: no EXIF, GPS, XMP, ICC or text chunks.
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    if source_format == "PNG":
        pixels.save(buffer, "PNG", optimize=True)
    elif source_format == "WEBP":
        pixels.save(buffer, "WEBP", quality=82)
    else:
        pixels.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    name = f"{uuid.uuid4().hex}.{EXTENSIONS[source_format]}"
    return CleanPhoto(ContentFile(buffer.getvalue(), name=name), pixels.width, pixels.height, caption)


def clean_photos(uploads_with_captions) -> tuple[list[CleanPhoto], list[str]]:
    """Clean several files; returns the good ones and one message per refused file."""
    photos, errors = [], []
    for upload, caption in uploads_with_captions:
        try:
            photos.append(clean_photo(upload, caption=caption))
        except ValidationError as error:
            errors.extend(str(message) for message in error.messages)
    return photos, errors


def strip_admin_upload(image) -> None:
    """Called before a Wagtail image is first saved (admin uploads): same stripping, best effort.

    The admin already refuses unknown types and oversize files; formats we do not handle (GIF, AVIF)
    are left to Wagtail rather than failing the upload with a server error.
    """
    file = image.file
    if not file or getattr(file, "_committed", True):
        return
    try:
        clean = clean_photo(file.file if hasattr(file, "file") else file)
    except ValidationError:
        return
    image.file = clean.content
    image.width, image.height = clean.width, clean.height
    image.file_size = clean.content.size
    image.file_hash = hashlib.sha1(clean.content.read()).hexdigest()  # noqa: S324 - Wagtail's own hash
    clean.content.seek(0)
