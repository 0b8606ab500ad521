"""Searching proposals in Swedish, and finding similar ones while a proposal is being written.

PostgreSQL: a stored `search_vector` column that the database generates from title and text with the
'swedish' configuration (migration 0002, PostgreSQL only; the model does not declare it), with a GIN
index, matched and ranked with the same query building as contributions' search (websearch syntax and
stem prefixes). SQLite: every word's Swedish stem must appear in the title or the text.

Similar proposals are lexical: the words of the draft, stemmed, with stop words left out, and the
existing proposals sharing most of them (on PostgreSQL ranked by `ts_rank` against an OR of the stems;
on SQLite by counting shared stems over a bounded candidate list). The theme engine's embedding
backends (radslag.analysis.embeddings) need stored vectors per proposal, which this app does not keep
yet; lexical matching finds the near-duplicates that matter here (same street, same school, same park).
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from radslag.analysis.text import stop_words
from radslag.contributions.search import build_query, query_words, stem
from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal

SEARCH_CONFIG = "swedish"
SIMILAR_LIMIT = 5
_CANDIDATES = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def _vector() -> RawSQL:
    return RawSQL('"proposals_proposal"."search_vector"', [], output_field=SearchVectorField())


def _contains(text: str) -> Q:
    condition = Q()
    for variant in {text, text.capitalize(), text.upper()}:
        condition |= Q(title__icontains=variant) | Q(text__icontains=variant)
    return condition


def search_proposals(proposals: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    words = query_words(query)
    if not words:
        return proposals
    if connection.vendor == "postgresql":
        search_query = build_query(query)
        return (proposals.annotate(vector=_vector()).filter(vector=search_query)
                .annotate(rank=SearchRank(F("vector"), search_query)).order_by("-rank", "-id"))
    for word in words:
        proposals = proposals.filter(_contains(stem(word)))
    return proposals.order_by("-support_count", "-id")


def _stems(text: str) -> list[str]:
    stems: list[str] = []
    skip = stop_words("sv")
    for word in _WORD.findall(text.lower()):
        if len(word) > 2 and word not in skip and stem(word) not in stems:
            stems.append(stem(word))
    return stems[:12]


def similar_proposals(organisation: Organisation, text: str, *, limit: int = SIMILAR_LIMIT) -> list[Proposal]:
    """Public proposals sharing most words with `text` (title and draft), best first."""
    stems = _stems(text)
    if not stems:
        return []
    proposals = Proposal.objects.public().filter(organisation=organisation).only(
        "id", "title", "status", "support_count", "threshold", "closes_at", "organisation_id")
    if connection.vendor == "postgresql":
        any_stem = SearchQuery(" | ".join(f"{s}:*" for s in stems), config=SEARCH_CONFIG, search_type="raw")
        return list(proposals.annotate(vector=_vector()).filter(vector=any_stem)
                    .annotate(rank=SearchRank(F("vector"), any_stem)).order_by("-rank", "-id")[:limit])
    match = Q()
    for word in stems:
        match |= _contains(word)
    candidates = list(proposals.filter(match).order_by("-id")[:_CANDIDATES].only(
        "id", "title", "text", "status", "support_count", "threshold", "closes_at", "organisation_id"))

    def shared(proposal: Proposal) -> int:
        words = (proposal.title + " " + proposal.text).lower()
        return sum(1 for word in stems if word in words)

    return sorted(candidates, key=lambda p: (-shared(p), -p.pk))[:limit]
