"""The programme report of one association for a period and a set of sites: headline figures against
their targets, then one group of tables per section. Built from `indicators.queries` in a fixed number
of queries; every count about people passes through small-cell suppression."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from associations.models import Role, Section
from indicators import queries
from indicators.decisions import decision_tables
from indicators.periods import Period
from indicators.suppression import suppress_count, suppress_rate
from indicators.tables import BANDS, GENDERS, Table, age_band, count_columns, gender_bucket

MEMBERS_TARGET = 300  # the programme: about 300 youths on four sites
PLACEMENT_TARGET = 100.0  # every unemployed graduate placed in an internship or a training


@dataclass
class Headline:
    key: str
    label: str
    value: float | int | None
    previous: float | int | None
    target: float | int | None = None
    percent: bool = False


@dataclass
class Report:
    period: Period
    previous: Period
    sites: list[Section]
    headlines: list[Headline] = field(default_factory=list)
    sections: list[tuple[str, str, list[Table]]] = field(default_factory=list)  # (key, title, tables)

    def tables(self) -> dict[str, Table]:
        return {table.key: table for _key, _title, tables in self.sections for table in tables}


def build_report(
    *, association, scope: list[int] | None, period: Period, now: datetime.datetime | None = None
) -> Report:
    now = now or timezone.now()
    sites = list(Section.objects.filter(association=association).order_by("name"))
    if scope is not None:
        sites = [s for s in sites if s.pk in scope]
    names = {s.pk: s.name for s in sites}
    report = Report(period=period, previous=period.previous(), sites=sites)
    members, active = _participation(report, association, scope, names)
    decisions, turnout = decision_tables(association, scope, period, now, names)
    report.sections.append(("decisions", _("Decisions"), decisions))
    report.sections.append(("activities", _("Activities"), _activities(association, scope, period, names)))
    report.sections.append(("events", _("Events"), _events(association, scope, period, names)))
    pathways, placement = _pathways(association, scope, period, now.date(), names)
    report.sections.append(("pathways", _("Insertion pathways"), pathways))
    report.headlines = [
        Headline("members", _("Youths and leaders"), *members, target=MEMBERS_TARGET if scope is None else None),
        Headline("active", _("Active in the last 90 days"), *active),
        Headline("turnout", _("Turnout in closed polls"), *turnout, percent=True),
        Headline("placement", _("Graduates placed within 6 months"), *placement, target=PLACEMENT_TARGET, percent=True),
    ]
    return report


def _participation(report, association, scope, names):
    year = report.period.last_day.year
    by_site_role = defaultdict(lambda: [0, 0, 0])
    by_gender = {g: [0, 0, 0] for g in GENDERS}
    now_total = before_total = 0
    roles = [Role.YOUTH, Role.LEADER, Role.STAFF]
    for row in queries.members(association, scope, report.period):
        by_site_role[names.get(row["section_id"], "?")][roles.index(row["role"])] += row["now"]
        if row["role"] in queries.YOUTH_ROLES:
            by_gender[gender_bucket(row["gender"])][BANDS.index(age_band(row["birth_year"], year))] += row["now"]
            now_total += row["now"]
            before_total += row["before"]
    site_rows = {name: by_site_role[name] for name in names.values()}
    gender_labels = {
        "female": pgettext("indicators", "female"),
        "male": pgettext("indicators", "male"),
        "other": _("other or not said"),
    }
    tables = [
        count_columns(
            "members_by_site",
            _("Members by site and role"),
            [_("youths"), _("leaders"), _("staff")],
            site_rows,
            total_label=_("Total"),
        ),
        count_columns(
            "members_by_gender_age",
            _("Youths and leaders by gender and age"),
            [_("14–17"), _("18–23"), _("other or unknown age")],
            {gender_labels[g]: v for g, v in by_gender.items()},
            total_label=_("Total"),
        ),
    ]
    activity = {names.get(r["section_id"], "?"): r for r in queries.active_members(association, scope, report.period)}
    active_rows = {
        n: [activity.get(n, {}).get(k, 0) for k in ("members", "active30", "active90")] for n in names.values()
    }
    tables.append(
        count_columns(
            "active_members",
            _("Active youths (voted, registered, commented or told an activity)"),
            [_("members"), _("last 30 days"), _("last 90 days")],
            active_rows,
            total_label=_("Total"),
        )
    )
    onboarding = {names.get(r["section_id"], "?"): r for r in queries.onboarding(association, scope, report.period)}
    onboarding_rows = {
        n: [onboarding.get(n, {}).get(k, 0) for k in ("issued", "logged_in", "active")] for n in names.values()
    }
    tables.append(
        count_columns(
            "onboarding",
            _("Onboarding: codes issued in the period → first login → active"),
            [_("codes issued"), _("logged in"), pgettext("indicators", "active")],
            onboarding_rows,
            total_label=_("Total"),
        )
    )
    report.sections.append(("participation", _("Participation"), tables))
    active_now = sum(r["active90"] for r in activity.values())
    active_before = sum(r["before90"] for r in activity.values())
    return (suppress_count(now_total), suppress_count(before_total)), (
        suppress_count(active_now),
        suppress_count(active_before),
    )


def _activities(association, scope, period, names) -> list[Table]:
    from cms.models.pages import Theme

    by_site = {n: [0, 0, 0] for n in names.values()}
    by_theme = {label: [0, 0] for _value, label in Theme.choices}
    theme_labels = dict(Theme.choices)
    for row in queries.activities(association, scope, period):
        site = by_site.setdefault(names.get(row["section_id"], "?"), [0, 0, 0])
        site[0] += row["reports"]
        site[1] += row["by_youth"]
        site[2] += row["before"]
        by_theme[theme_labels.get(row["theme"], row["theme"])][0] += row["reports"]
        by_theme[theme_labels.get(row["theme"], row["theme"])][1] += row["before"]
    photos = queries.photos(association, scope, period)
    photo_table = Table("photos", _("Photos of the period's reports"), [_("photos")])
    photo_table.rows = [
        (_("all photos"), [photos["photos"]]),
        (_("showing people"), [photos["with_people"]]),
        (_("of which with consent recorded"), [photos["with_consent"]]),
    ]
    return [
        count_columns(
            "activities_by_site",
            _("Activity reports published, by site"),
            [pgettext("indicators", "reports"), _("told by youths"), _("previous period")],
            by_site,
            total_label=_("Total"),
        ),
        count_columns(
            "activities_by_theme",
            _("Activity reports by theme"),
            [pgettext("indicators", "reports"), _("previous period")],
            by_theme,
            total_label=_("Total"),
        ),
        photo_table,
    ]


def _events(association, scope, period, names) -> list[Table]:
    from events.models import EventKind

    everywhere = _("all sites")
    kinds = dict(EventKind.choices)
    by_site = {n: [0, 0] for n in [*names.values(), everywhere]}
    by_kind = {label: [0, 0, 0, 0, 0] for label in kinds.values()}
    for row in queries.events(association, scope, period):
        site = by_site.setdefault(names.get(row["section_id"], everywhere), [0, 0])
        site[0] += row["events"]
        site[1] += row["before"]
        by_kind[kinds.get(row["kind"], row["kind"])][0] += row["events"]
    for row in queries.registrations(association, scope, period):
        values = by_kind[kinds.get(row["kind"], row["kind"])]
        for index, key in enumerate(("confirmed", "checked_in", "waitlisted", "cancelled"), start=1):
            values[index] += row[key]
    return [
        count_columns(
            "events_by_site", _("Events by site"), [_("events"), _("previous period")], by_site, total_label=_("Total")
        ),
        count_columns(
            "events_by_kind",
            _("Events and registrations by kind"),
            [_("events"), _("registered"), _("checked in"), _("waiting list"), pgettext("indicators", "cancelled")],
            by_kind,
            total_label=_("Total"),
        ),
    ]


def _pathways(association, scope, period, today, names):
    from indicators.models import PathwayStatus, Sector

    cohort = queries.placement_cohort(association, scope, period, today)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    gender_labels = {
        "female": pgettext("indicators", "female"),
        "male": pgettext("indicators", "male"),
        "other": _("other or not said"),
    }
    totals = [0] * 7
    for row in cohort:
        values = [row[k] for k in ("seeking", "placed3", "due3", "placed6", "due6")]
        for label in (names.get(row["section_id"], "?"), gender_labels[gender_bucket(row["gender"])]):
            groups[label] = [a + b for a, b in zip(groups[label], values, strict=True)]
        totals = [
            a + row[k]
            for a, k in zip(
                totals, ("seeking", "placed3", "due3", "placed6", "due6", "before_placed6", "before_due6"), strict=True
            )
        ]
    placement = Table(
        "placement",
        _("Graduates seeking work placed in an internship or a training"),
        [_("started seeking in the period"), _("placed within 3 months"), _("placed within 6 months")],
        percent_columns=(1, 2),
        has_total=True,
    )
    order = [*names.values(), *gender_labels.values()]
    for label in [*[o for o in order if o in groups], _("Total")]:
        seeking, p3, d3, p6, d6 = totals[:5] if label == _("Total") else groups[label]
        placement.rows.append((label, [suppress_count(seeking), suppress_rate(p3, d3), suppress_rate(p6, d6)]))
    statuses = dict(PathwayStatus.choices)
    sector_labels = dict(Sector.choices)
    by_sector = {label: [0, 0] for label in sector_labels.values()}
    for row in queries.placements_by_sector(association, scope, period):
        column = 0 if row["status"] == PathwayStatus.TRAINING else 1
        by_sector[sector_labels.get(row["sector"], _("not given"))][column] += row["n"]
    current = {name: [0] * len(statuses) for name in names.values()}
    keys = list(statuses)
    for row in queries.current_statuses(association, scope, period.end):
        current.setdefault(names.get(row["section_id"], "?"), [0] * len(statuses))[keys.index(row["status"])] += row[
            "n"
        ]
    tables = [
        placement,
        count_columns(
            "placements_by_sector",
            _("Places obtained in the period, by sector"),
            [_("training"), _("internship")],
            {k: v for k, v in by_sector.items() if any(v)},
            total_label=_("Total"),
        ),
        count_columns(
            "pathway_statuses",
            _("Where youths stand at the end of the period"),
            [str(label) for label in statuses.values()],
            current,
            total_label=_("Total"),
        ),
    ]
    return tables, (suppress_rate(totals[3], totals[4]), suppress_rate(totals[5], totals[6]))
