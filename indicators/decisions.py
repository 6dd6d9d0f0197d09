"""Decision indicators: polls by topic, outcomes, turnout per poll and by group, youth proposals.

Turnout comes from `Participation` rows only (who took part), never from ballots. Only polls already
closed enter these tables, so no breakdown of a secret poll exists while it is open. Eligibility of each
poll is summed from one grouped count of members (site × role × gender × birth year), with the poll's own
rule (roles, sites, ages at opening), as `votes.selectors.eligible_members` applies it.
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indicators import queries
from indicators.suppression import suppress_count, suppress_rate
from indicators.tables import BANDS, Table, age_band, gender_bucket, rate_rows


def _is_eligible(poll: dict, sections: set[int], group: dict) -> bool:
    if group["role"] not in poll["eligible_roles"]:
        return False
    if sections and group["section_id"] not in sections:
        return False
    year, birth = poll["opens_at"].year, group["birth_year"]
    if poll["min_age"] is not None and (birth is None or birth > year - poll["min_age"]):
        return False
    return poll["max_age"] is None or (birth is not None and birth >= year - poll["max_age"])


def _group_labels(row: dict, names: dict, year: int) -> list[str]:
    genders = {
        "female": pgettext("indicators", "female"),
        "male": pgettext("indicators", "male"),
        "other": _("other or not said"),
    }
    bands = {"14-17": _("14–17"), "18-23": _("18–23"), "other": _("other or unknown age")}
    return [
        names.get(row["section_id"], "?"),
        genders[gender_bucket(row["gender"])],
        bands[age_band(row["birth_year"], year)],
    ]


def _topic_table(polls, period) -> Table:
    from votes.models import Topic

    labels = dict(Topic.choices)
    table = Table(
        "polls_by_topic",
        _("Closed polls by topic"),
        [_("polls"), _("with a recorded outcome (%)"), _("days from closing to outcome"), _("previous period")],
        percent_columns=(1,),
    )
    rows = {row["topic"]: row for row in queries.polls_by_topic(polls, period)}
    for topic, label in labels.items():
        row = rows.get(topic)
        if row is None:
            table.rows.append((label, [0, None, None, 0]))
            continue
        share = round(100 * row["with_outcome"] / row["polls"], 1) if row["polls"] else None
        days = round(row["delay"].total_seconds() / 86400, 1) if row["delay"] is not None else None
        table.rows.append((label, [row["polls"], share, days, row["before"]]))
    return table


def decision_tables(association, scope, period, now, names) -> tuple[list[Table], tuple]:
    polls = queries.closed_polls(association, scope, period, now)
    rows = queries.poll_rows(polls, period)
    sections: dict[int, set[int]] = defaultdict(set)
    for poll_id, section_id in queries.poll_sections([p["pk"] for p in rows]):
        sections[poll_id].add(section_id)
    groups = queries.eligible_groups(association, scope)
    voters = queries.voters_by_group(association, scope, [p["pk"] for p in rows])
    year = period.last_day.year
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # label -> [voters, eligible]
    per_poll = {p["pk"]: [0, 0] for p in rows}
    for poll in rows:
        for group in groups:
            if _is_eligible(poll, sections[poll["pk"]], group):
                per_poll[poll["pk"]][1] += group["n"]
                for label in _group_labels(group, names, year):
                    by_group[label][1] += group["n"]
    for row in voters:
        per_poll[row["poll_id"]][0] += row["n"]
        for label in _group_labels(row, names, year):
            by_group[label][0] += row["n"]
    turnout = Table(
        "turnout_by_poll", _("Turnout per closed poll"), [_("voted"), _("eligible"), _("turnout")], percent_columns=(2,)
    )
    for poll in rows:
        voted, eligible = per_poll[poll["pk"]]
        turnout.rows.append(
            (poll["title"], [suppress_count(voted), suppress_count(eligible), suppress_rate(voted, eligible)])
        )
    total_voted = sum(v for v, _e in per_poll.values())
    total_eligible = sum(e for _v, e in per_poll.values())
    group_table = Table(
        "turnout_by_group",
        _("Turnout over the period's closed polls, by site, gender and age"),
        [_("eligible (summed over polls)"), _("turnout")],
        percent_columns=(1,),
        has_total=True,
    )
    ordered = [
        *names.values(),
        pgettext("indicators", "female"),
        pgettext("indicators", "male"),
        _("other or not said"),
        *[{"14-17": _("14–17"), "18-23": _("18–23"), "other": _("other or unknown age")}[b] for b in BANDS],
    ]
    group_table.rows = rate_rows({label: tuple(by_group[label]) for label in ordered if by_group[label][1]})
    group_table.rows.append((_("Total"), [suppress_count(total_eligible), suppress_rate(total_voted, total_eligible)]))
    proposals = queries.proposals(association, scope, period)
    proposal_table = Table("proposals", _("Options proposed by youths"), [_("this period"), _("previous period")])
    proposal_table.rows = [
        (_("proposed"), [suppress_count(proposals["made"]), suppress_count(proposals["before"])]),
        (_("became options"), [suppress_count(proposals["became_options"]), None]),
    ]
    previous = _previous_turnout(association, scope, period, now)
    tables = [_topic_table(polls, period), turnout, group_table, proposal_table]
    return tables, (suppress_rate(total_voted, total_eligible), previous)


def _previous_turnout(association, scope, period, now):
    """Overall turnout of the previous period, from the same participations (two more queries)."""
    previous = period.previous()
    polls = queries.closed_polls(association, scope, previous, now)
    rows = queries.poll_rows(polls, previous)
    ids = [p["pk"] for p in rows]
    sections: dict[int, set[int]] = defaultdict(set)
    for poll_id, section_id in queries.poll_sections(ids):
        sections[poll_id].add(section_id)
    groups = queries.eligible_groups(association, scope)
    eligible = sum(g["n"] for p in rows for g in groups if _is_eligible(p, sections[p["pk"]], g))
    voted = sum(r["n"] for r in queries.voters_by_group(association, scope, ids))
    return suppress_rate(voted, eligible)
