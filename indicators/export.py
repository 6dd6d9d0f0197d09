"""Each indicator table as CSV. Cells that a spreadsheet would read as a formula are escaped."""

import csv
import io

from django.utils.translation import gettext as _

from votes.export import safe_cell


def _cell(value, percent: bool) -> str:
    if value is None:
        return "< 5"
    return f"{value} %" if percent else str(value)


def table_csv(table, *, association: str, period: str, site: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = [[_("Association"), association], [_("Period"), period], [_("Site"), site], [], ["", *table.columns]]
    for label, values in table.rows:
        rows.append([label, *[_cell(v, i in table.percent_columns) for i, v in enumerate(values)]])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
