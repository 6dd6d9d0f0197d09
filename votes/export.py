"""Results as CSV for staff. Cells that a spreadsheet would read as a formula are escaped."""

import csv
import io

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell as text; one starting like a formula gets a leading apostrophe (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def results_csv(poll, results: dict) -> str:
    """Counts per option (and per round for ranked polls), turnout and quorum; never one row per ballot."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = [[_("Poll"), poll.title], [_("Question"), poll.question]]
    rows.append([_("Voted"), results["turnout"]["voted"], _("Eligible"), results["turnout"]["eligible"]])
    rows.append([_("Quorum reached"), _("yes") if results["quorum_reached"] else _("no")])
    rows.append([])
    round_headers = [_("Round %(number)s") % {"number": r["number"]} for r in results["rounds"][1:]]
    rows.append([_("Option"), _("Votes"), *round_headers])
    for option in results["options"]:
        later = []
        for round_ in results["rounds"][1:]:
            votes = next((c["votes"] for c in round_["counts"] if c["id"] == option["id"]), "")
            later.append(votes)
        rows.append([option["label"], option["votes"], *later])
    # While the poll is open nobody has won yet: the sheet says who leads, as the pages do.
    rows.append([_("Leading so far") if poll.is_open else _("Winner"), results["winner_label"] or _("none")])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
