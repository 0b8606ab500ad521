"""Anonymous contributions are throttled per client, behind the TLS proxy too."""

import pytest

from radslag.contributions.models import Contribution
from radslag.dialogues.tests.factories import ProcessFactory


@pytest.mark.django_db
def test_forty_anonymous_contributions_in_a_second_are_not_all_accepted(shared_cache, client_for, org):
    process = ProcessFactory(organisation=org)
    client = client_for(org)
    answers = [client.post(f"/dialoger/{process.slug}/bidra/", {"body": f"Inspel nummer {n}"},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9") for n in range(40)]
    assert Contribution.objects.count() == 10
    refused = answers[-1]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "För många försök från din uppkoppling" in page and 'class="site-header"' in page
    # Another resident behind the same proxy is not affected.
    other = client.post(f"/dialoger/{process.slug}/bidra/", {"body": "Mitt eget inspel"},
                        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302
