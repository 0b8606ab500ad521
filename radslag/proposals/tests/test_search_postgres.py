"""Swedish full-text search on PostgreSQL: the stored vector, stemming and ranking."""

import pytest

from radslag.proposals.models import Proposal
from radslag.proposals.search import search_proposals, similar_proposals
from radslag.proposals.tests.factories import make_proposal

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_postgres_search_finds_word_forms_and_ranks_title_matches_first(org):
    in_text = make_proposal(org, title="Trygghet", text="Fler lampor vid skolorna i Surte.")
    in_title = make_proposal(org, title="Säkrare skolväg i Bohus", text="Övergångsställe vid skolan.")
    make_proposal(org, title="Hundrastgård", text="En inhägnad plats för hundar.")
    found = list(search_proposals(Proposal.objects.filter(organisation=org), "skola"))
    assert found == [in_title, in_text]


def test_postgres_similar_proposals_share_words_with_the_draft(org):
    near = make_proposal(org, title="Badplats vid Mjörn", text="Bygg en brygga vid badplatsen.")
    make_proposal(org, title="Konstgräsplan", text="En ny fotbollsplan i Älvängen.")
    assert similar_proposals(org, "Ny brygga vid badplatsen i Mjörn") == [near]
