"""Upload corpus: what a phone may send, what an attacker may try."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from cms.images import MAX_BYTES, clean_photo, strip_admin_upload
from tests.cms.conftest import jpeg_bytes, upload

GPS_TAG = 0x8825


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    exif[GPS_TAG] = {1: "N", 2: (12.0, 39.0, 0.0), 3: "W", 4: (8.0, 0.0, 0.0)}  # Bamako
    return exif.tobytes()


def test_jpeg_with_gps_is_stored_without_any_metadata_and_turned_upright():
    data = jpeg_bytes(size=(80, 40), exif=exif_with_gps())
    assert Image.open(io.BytesIO(data)).getexif().get(GPS_TAG) is not None  # the corpus does carry GPS
    clean = clean_photo(upload("IMG_2041.jpg", data), caption="Le groupe")
    stored = clean.content.read()
    image = Image.open(io.BytesIO(stored))
    assert len(image.getexif()) == 0
    assert b"Exif" not in stored and b"PhoneMaker" not in stored
    assert (image.width, image.height) == (40, 80) == (clean.width, clean.height)  # orientation applied
    assert clean.content.name.endswith(".jpg") and "IMG_2041" not in clean.content.name


@pytest.mark.parametrize("fmt, ext", [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted(fmt, ext):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 0, 255, 128)).save(buffer, fmt)
    clean = clean_photo(upload(f"x.{ext}", buffer.getvalue(), f"image/{ext}"))
    assert Image.open(clean.content).format == fmt


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("dessin.svg", SVG, "only JPEG, PNG or WebP"),
        ("dessin.jpg", SVG, "web code"),
        ("page.jpg", HTML, "web code"),
        ("polyglot.jpg", jpeg_bytes() + b"<script>alert(1)</script>", "web code"),
        ("wrong.png", jpeg_bytes(), "does not match its extension"),
        ("notes.jpg", b"just some text, not a photo", "not a readable photo"),
        ("archive.gif", b"GIF89a....", "only JPEG, PNG or WebP"),
        ("noextension", jpeg_bytes(), "only JPEG, PNG or WebP"),
    ],
)
def test_refused_files_get_a_clear_message(name, data, message):
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(name, data))
    text = " ".join(refused.value.messages)
    assert message in text and name in text


def test_oversized_file_is_refused():
    big = upload("big.jpg", jpeg_bytes() + b"\0" * (MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        clean_photo(big)


def test_pixel_flood_is_refused_before_decoding():
    # A tiny PNG that declares 20,000 × 20,000 pixels (400 megapixels).
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError, match="40 megapixels"):
        clean_photo(upload("flood.png", buffer.getvalue(), "image/png"))


def test_the_long_side_is_capped():
    clean = clean_photo(upload("wide.jpg", jpeg_bytes(size=(4000, 1000))))
    assert (clean.width, clean.height) == (2048, 512)


@pytest.mark.django_db
def test_wagtail_admin_uploads_are_stripped_too(tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    data = jpeg_bytes(size=(80, 40), exif=exif_with_gps())
    image = get_image_model()(title="admin", file=SimpleUploadedFile("gps.jpg", data, "image/jpeg"))
    image.save()
    image.refresh_from_db()
    with image.open_file() as stored:
        content = stored.read()
    assert b"PhoneMaker" not in content and len(Image.open(io.BytesIO(content)).getexif()) == 0
    assert (image.width, image.height) == (40, 80)
    assert "gps" not in image.file.name


def test_strip_admin_upload_leaves_committed_files_alone():
    class Fake:
        file = type("F", (), {"_committed": True})()

    fake = Fake()
    strip_admin_upload(fake)
    assert fake.file._committed
