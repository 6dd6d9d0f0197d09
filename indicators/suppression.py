"""Small-cell suppression for aggregates about minors.

A count from 1 to 4 is shown as "< 5" (None here). Zero is shown: it names nobody. When one cell of a
breakdown is hidden but its total is shown, the next smallest non-zero cell is hidden too, so the small
one cannot be worked out as "total minus the others" (complementary suppression). A rate is hidden when
its numerator, its denominator or their difference is a small count, since any of them could be read back.
"""

THRESHOLD = 5


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress_count(value: int) -> int | None:
    return None if is_small(value) else value


def suppress_breakdown(counts: dict, total: int | None = None) -> tuple[dict, int | None]:
    """`counts` by key and their total (summed when not given) → the same with hidden cells as None."""
    total = sum(counts.values()) if total is None else total
    shown = {key: suppress_count(value) for key, value in counts.items()}
    shown_total = suppress_count(total)
    hidden = [key for key, value in shown.items() if value is None]
    if shown_total is not None and len(hidden) == 1:
        candidates = sorted((value, str(key), key) for key, value in counts.items() if value and key not in hidden)
        if candidates:
            shown[candidates[0][2]] = None
    return shown, shown_total


def suppress_rate(numerator: int, denominator: int) -> float | None:
    """Share in percent (one decimal), or None when it would reveal a small count."""
    if denominator == 0:
        return None
    if is_small(numerator) or is_small(denominator) or is_small(denominator - numerator):
        return None
    return round(100 * numerator / denominator, 1)
