"""The turnout line in the singular or plural: "1 membre sur 3 a voté", "2 membres sur 3 ont voté"."""

import pytest

from tests.factories import member_of
from tests.votes.conftest import option_ids
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("voters", "words"),
    [
        (1, "1</span> membre sur <span data-eligible>3</span> a voté."),
        (2, "2</span> membres sur <span data-eligible>3</span> ont voté."),
    ],
)
def test_turnout_agrees_with_the_number_of_voters(client, make_poll, bamako, youth, voters, words):
    poll = make_poll()
    others = [member_of(bamako) for _ in range(2)]
    for person in others[:voters]:
        ballot_cast(poll=poll, user=person, choices=[option_ids(poll)[0]])
    client.force_login(youth)
    assert words in client.get(f"/sondages/{poll.pk}/").content.decode()
