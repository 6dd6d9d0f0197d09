"""The shape every indicator takes, for the page, its charts, the CSV exports and the API alike."""

from dataclasses import dataclass, field

from indicators.suppression import suppress_breakdown, suppress_rate

GENDERS = ("female", "male", "other")
BANDS = ("14-17", "18-23", "other")


@dataclass
class Table:
    """A titled table: `rows` are (label, values); a value of None is a suppressed small count ("< 5")."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)
    percent_columns: tuple[int, ...] = ()  # value columns holding a share in percent
    has_total: bool = False  # the last row is the total (left out of charts)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "title": str(self.title),
            "columns": [str(c) for c in self.columns],
            "percent_columns": list(self.percent_columns),
            "rows": [{"label": str(label), "values": values} for label, values in self.rows],
        }


def gender_bucket(gender: str) -> str:
    return gender if gender in ("female", "male") else "other"


def age_band(birth_year: int | None, year: int) -> str:
    if birth_year is None:
        return "other"
    age = year - birth_year
    if 14 <= age <= 17:
        return "14-17"
    if 18 <= age <= 23:
        return "18-23"
    return "other"


def count_columns(key: str, title: str, columns: list[str], rows: dict[str, list[int]], *, total_label: str) -> Table:
    """Counts with a total row; each column is suppressed as one breakdown (small and complementary cells)."""
    labels = list(rows)
    table = Table(key, title, columns, has_total=True)
    suppressed_columns, totals = [], []
    for index in range(len(columns)):
        shown, total = suppress_breakdown({label: rows[label][index] for label in labels})
        suppressed_columns.append(shown)
        totals.append(total)
    for label in labels:
        table.rows.append((label, [column[label] for column in suppressed_columns]))
    table.rows.append((total_label, totals))
    return table


def rate_rows(groups: dict[str, tuple[int, int]]) -> list[tuple[str, list]]:
    """(label, [denominator shown or hidden, rate]) for groups given as (numerator, denominator)."""
    shown, _total = suppress_breakdown({label: den for label, (_num, den) in groups.items()})
    return [(label, [shown[label], suppress_rate(num, den)]) for label, (num, den) in groups.items()]
