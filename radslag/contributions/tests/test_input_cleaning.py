"""Text entering through forms loses control characters before any form or service sees it."""

import pytest

from radslag.contributions.models import Contribution
from radslag.dialogues.tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def test_a_contribution_keeps_its_line_breaks_but_not_control_characters(client_for, org):
    process = ProcessFactory(organisation=org)
    response = client_for(org).post(f"/dialoger/{process.slug}/bidra/",
                                    {"body": "Fler bänkar\r\nvid\x0b älven\x1b[31m\x00"})
    assert response.status_code == 302
    assert Contribution.objects.get().body == "Fler bänkar\nvid älven[31m"
