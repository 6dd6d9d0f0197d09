"""Bar charts as inline SVG, drawn on the server from a table's column (no JavaScript).

The SVG is decorative for screen readers (`aria-hidden`): the data table beside it carries the figures.
Every piece goes through `format_html`, so labels (poll titles are member-written) are escaped.
"""

from django.utils.html import format_html, format_html_join

WIDTH, BAR, GAP, LABEL = 300, 14, 6, 110


def _bar(index: int, label: str, value, top: float):
    y = index * (BAR + GAP)
    length = round((WIDTH - LABEL - 40) * value / top) if isinstance(value, int | float) else 0
    text = "< 5" if value is None else f"{value:g}"
    return (y + 11, str(label)[:16], LABEL, y, length, BAR, LABEL + length + 4, y + 11, text)


def bar_chart(table, column: int | None = None):
    if column is None:  # a share tells more than its denominator
        column = table.percent_columns[-1] if table.percent_columns else 0
    rows = [(label, values[column]) for label, values in (table.rows[:-1] if table.has_total else table.rows)]
    numbers = [v for _label, v in rows if isinstance(v, int | float)]
    if not numbers or max(numbers) <= 0:
        return ""
    top = 100.0 if column in table.percent_columns else max(numbers)
    bars = format_html_join(
        "",
        '<text x="0" y="{}">{}</text><rect x="{}" y="{}" width="{}" height="{}"/><text x="{}" y="{}">{}</text>',
        (_bar(index, label, value, top) for index, (label, value) in enumerate(rows)),
    )
    height = len(rows) * (BAR + GAP)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">{}</svg>', WIDTH, height, bars
    )
