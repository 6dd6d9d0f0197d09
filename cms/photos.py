"""Photo URLs for pages: every photo goes through /activites/photo/…, which checks visibility.

Wagtail's rendition files live under /media/ with names derived from a random original name; pages never
print those URLs, so a photo can only be fetched through the checked view. Width and height are computed
from the original's size (width-N never enlarges), so pages need no rendition query.
"""

from dataclasses import dataclass

from django.urls import reverse

WIDTHS = (320, 480, 800)
FORMATS = {"webp": "format-webp", "jpg": "bgcolor-ffffff|format-jpeg"}
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}


def filter_spec(width: int, fmt: str) -> str:
    return f"width-{width}|{FORMATS[fmt]}"


@dataclass
class PhotoSources:
    src: str
    srcset_webp: str
    srcset_jpg: str
    width: int
    height: int
    sizes: str


def photo_url(page_id: int, image_id: int, width: int, fmt: str) -> str:
    return reverse("cms:photo", args=[page_id, image_id, width, fmt])


def photo_sources(page_id: int, image, *, default: int = 480, sizes: str = "(max-width: 640px) 100vw, 640px"):
    """`src`, `srcset`s for WebP and JPEG, and the default rendition's width/height."""
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    widths = sorted(set(widths))
    default = min(default, widths[-1])

    def srcset(fmt):
        return ", ".join(f"{photo_url(page_id, image.pk, _bucket(w), fmt)} {w}w" for w in widths)

    height = max(1, round(image.height * default / image.width))
    return PhotoSources(
        src=photo_url(page_id, image.pk, _bucket(default), "jpg"),
        srcset_webp=srcset("webp"),
        srcset_jpg=srcset("jpg"),
        width=default,
        height=height,
        sizes=sizes,
    )


def _bucket(width: int) -> int:
    # URLs only ever name one of WIDTHS, so the number of renditions per image stays bounded.
    return next((w for w in WIDTHS if w >= width), WIDTHS[-1])
