"""Bar charts as inline SVG, drawn on the server from a table's first column (no JavaScript).

The SVG is decorative for screen readers (`aria-hidden`): the data table beside it carries the figures.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, BAR, GAP, LABEL = 300, 14, 6, 110


def bar_chart(table, column: int | None = None):
    if column is None:  # a share tells more than its denominator
        column = table.percent_columns[-1] if table.percent_columns else 0
    rows = [(label, values[column]) for label, values in (table.rows[:-1] if table.has_total else table.rows)]
    numbers = [v for _l, v in rows if isinstance(v, int | float)]
    if not rows or not numbers or max(numbers) <= 0:
        return ""
    top = 100.0 if column in table.percent_columns else max(numbers)
    height = len(rows) * (BAR + GAP)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-hidden="true" focusable="false">']
    for index, (label, value) in enumerate(rows):
        y = index * (BAR + GAP)
        text = "&lt; 5" if value is None else f"{value:g}"
        length = 0 if not isinstance(value, int | float) else round((WIDTH - LABEL - 40) * value / top)
        parts.append(
            f'<text x="0" y="{y + 11}">{escape(str(label)[:16])}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}"/>'
            f'<text x="{LABEL + length + 4}" y="{y + 11}">{text}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
