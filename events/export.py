"""Registrants as a spreadsheet: CSV that Excel opens with its accents, and that cannot run a formula.

Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; and a cell that starts with = + - @
(or a tab / carriage return that some spreadsheet apps skip first) is run as a formula, so a member named
"=HYPERLINK(…)" could run one on the organiser's computer: such cells get a leading apostrophe (OWASP's
advice for CSV injection).
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def registrants_csv(rows) -> str:
    """`rows`: `events.selectors.registrants(event)`; names as `public_name` (the display rule)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Name"), _("Section"), _("Status"), _("Waiting list number"), _("Checked in at")])
    for r in rows:
        checked = timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else ""
        cells = [r.member.public_name, r.section_name or "", r.get_status_display(), r.waitlist_number or "", checked]
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + out.getvalue()
