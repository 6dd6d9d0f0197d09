"""The pure rules: small-cell suppression and reporting periods."""

import datetime

import pytest

from indicators.periods import PeriodError, parse_period, period_containing
from indicators.suppression import suppress_breakdown, suppress_count, suppress_rate

TODAY = datetime.date(2026, 5, 17)


def test_counts_from_one_to_four_are_hidden_zero_and_five_are_shown():
    assert [suppress_count(n) for n in range(7)] == [0, None, None, None, None, 5, 6]


def test_one_hidden_cell_hides_the_next_smallest_so_it_cannot_be_deduced_from_the_total():
    shown, total = suppress_breakdown({"Bamako": 12, "Kita": 3, "Mopti": 7, "Sanankoroba": 0})
    assert shown == {"Bamako": 12, "Kita": None, "Mopti": None, "Sanankoroba": 0}
    assert total == 22


def test_two_hidden_cells_need_no_more_and_a_small_total_is_hidden():
    assert suppress_breakdown({"a": 2, "b": 3, "c": 9}) == ({"a": None, "b": None, "c": 9}, 14)
    assert suppress_breakdown({"a": 1, "b": 0}) == ({"a": None, "b": 0}, None)


def test_rates_hide_when_numerator_denominator_or_their_difference_is_small():
    assert suppress_rate(5, 10) == 50.0
    assert suppress_rate(10, 10) == 100.0
    assert suppress_rate(3, 10) is None  # 3 people
    assert suppress_rate(8, 10) is None  # 2 people not counted
    assert suppress_rate(0, 0) is None


@pytest.mark.parametrize(
    ("kind", "start", "end", "previous_start"),
    [
        ("month", datetime.date(2026, 5, 1), datetime.date(2026, 6, 1), datetime.date(2026, 4, 1)),
        ("quarter", datetime.date(2026, 4, 1), datetime.date(2026, 7, 1), datetime.date(2026, 1, 1)),
        ("year", datetime.date(2026, 1, 1), datetime.date(2027, 1, 1), datetime.date(2025, 1, 1)),
    ],
)
def test_calendar_periods_and_the_one_before(kind, start, end, previous_start):
    period = parse_period(kind=kind, today=TODAY)
    assert (period.start, period.end) == (start, end)
    assert period.previous().start == previous_start
    assert period.previous().end == start


def test_january_quarter_goes_back_to_last_year():
    assert period_containing("quarter", datetime.date(2026, 1, 5)).previous().start == datetime.date(2025, 10, 1)


def test_custom_period_is_inclusive_and_compared_with_as_many_days_before():
    period = parse_period(start="2026-03-01", end="2026-03-10", today=TODAY)
    assert (period.start, period.end, period.days) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 11), 10)
    assert (period.previous().start, period.previous().end) == (datetime.date(2026, 2, 19), datetime.date(2026, 3, 1))


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "decade"},
        {"start": "2026-03-01"},
        {"start": "2026-03-10", "end": "2026-03-01"},
        {"start": "hier", "end": "demain"},
        {"start": "2020-01-01", "end": "2026-01-01"},
        {"kind": "custom"},
    ],
)
def test_bad_periods_are_refused(params):
    with pytest.raises(PeriodError):
        parse_period(today=TODAY, **params)
