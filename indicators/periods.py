"""Reporting periods: a month, a quarter, a year or custom dates, and the period just before it.

A period is half-open, [start, end): `end` is the first day after it, which keeps SQL filters simple.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KINDS = {"month": _("month"), "quarter": _("quarter"), "year": _("year"), "custom": _("custom dates")}
MAX_DAYS = 3 * 366  # a custom period longer than this is refused (clear error, no runaway report)


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # exclusive

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> "Period":
        if self.kind == "custom":
            return Period("custom", self.start - datetime.timedelta(days=self.days), self.start)
        return period_containing(self.kind, self.start - datetime.timedelta(days=1))

    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%m/%Y}"
        if self.kind == "quarter":
            return f"T{(self.start.month - 1) // 3 + 1} {self.start.year}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_containing(kind: str, day: datetime.date) -> Period:
    if kind == "month":
        start = day.replace(day=1)
        return Period(kind, start, _add_months(start, 1))
    if kind == "quarter":
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, start, _add_months(start, 3))
    if kind == "year":
        return Period(kind, datetime.date(day.year, 1, 1), datetime.date(day.year + 1, 1, 1))
    raise PeriodError(_("Unknown kind of period."))


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise PeriodError(_("Give dates as YYYY-MM-DD.")) from exc


def parse_period(*, kind: str = "", date: str = "", start: str = "", end: str = "", today: datetime.date) -> Period:
    """The period a request asks for. `start`/`end` (inclusive end, as people write it) make it custom;
    otherwise the `kind` period containing `date` (default: the quarter containing today)."""
    if start or end:
        if not (start and end):
            raise PeriodError(_("Give both the start and the end of the period."))
        first, last = _parse_date(start), _parse_date(end)
        if last < first:
            raise PeriodError(_("The end of the period comes before its start."))
        if (last - first).days >= MAX_DAYS:
            raise PeriodError(_("A period may not be longer than three years."))
        return Period("custom", first, last + datetime.timedelta(days=1))
    kind = kind or "quarter"
    if kind not in KINDS or kind == "custom":
        raise PeriodError(_("Unknown kind of period."))
    return period_containing(kind, _parse_date(date) if date else today)
