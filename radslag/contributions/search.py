"""Searching contributions' public text in Swedish.

PostgreSQL uses its Swedish full-text search (stemming, stop words, ranking) backed by GIN expression
indexes created in migration 0002. SQLite, the embedded default, gets a simpler search in which every
word of the query must appear, after a Swedish stemmer has cut the word to its stem ("skolan" and
"skolor" both become "skol").

Only the published text is searched: where a moderator removed something (a private person's name)
from a contribution, searching for what was removed must not find it.
"""

from __future__ import annotations

import re

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, When

from radslag.contributions.models import Contribution

SEARCH_CONFIG = "swedish"
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("swedish")
_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)


def query_words(query: str) -> list[str]:
    """The distinct words of a query, lower-cased, at most MAX_QUERY_WORDS of them."""
    words: list[str] = []
    for word in _WORD.findall(query.lower()):
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def stem(word: str) -> str:
    """The Swedish stem of a word, never shorter than three letters (short stems match too much)."""
    word = word.lower()
    stemmed = _STEMMER.stemWord(word)
    if stemmed == word and word.endswith("an") and len(word) >= 5:
        # Snowball leaves the definite form of nouns in -a alone ("skolan", "gatan"); take it as "skola".
        stemmed = _STEMMER.stemWord(word[:-1])
    return stemmed if len(stemmed) >= 3 else word


def _contains_any_case(field: str, text: str) -> Q:
    # SQLite's LIKE folds case for ASCII letters only, so "Älvängen" would not match "älv";
    # also try the capitalised and upper-case forms, which covers Swedish text in practice.
    variants = {text, text.capitalize(), text.upper()}
    condition = Q()
    for variant in variants:
        condition |= Q(**{f"{field}__icontains": variant})
    return condition


def _public_text_contains(text: str) -> Q:
    original = Q(published_body="") & _contains_any_case("body", text)
    return original | _contains_any_case("published_body", text)


def search_simple(contributions: QuerySet[Contribution], query: str) -> QuerySet[Contribution]:
    """Every word must appear (by its stem) in the public text; newest first."""
    words = query_words(query)
    if not words:
        return contributions
    for word in words:
        contributions = contributions.filter(_public_text_contains(stem(word)))
    return contributions


def build_query(query: str) -> SearchQuery:
    """The websearch query (quotes, "-word", "or"); for plain words also a prefix query on their stems.

    PostgreSQL's Swedish stemmer, like Snowball's, keeps e.g. "skolan" apart from "skola" and "skolor";
    matching the stem as a prefix ("skol:*") finds them all, as the SQLite search does.
    """
    websearch = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    if _OPERATORS.search(query):
        return websearch
    # query_words yields only word characters, so nothing in them can act as tsquery syntax.
    prefixes = " & ".join(f"{stem(word)}:*" for word in query_words(query))
    return websearch | SearchQuery(prefixes, config=SEARCH_CONFIG, search_type="raw")


def search_postgres(contributions: QuerySet[Contribution], query: str) -> QuerySet[Contribution]:
    """Swedish full-text search on the public text, best match first."""
    if not query_words(query):
        return contributions
    search_query = build_query(query)
    public_text = Case(When(published_body="", then=F("body")), default=F("published_body"))
    return (
        contributions.annotate(
            body_vector=SearchVector("body", config=SEARCH_CONFIG),
            published_vector=SearchVector("published_body", config=SEARCH_CONFIG),
        )
        .filter(Q(published_body="", body_vector=search_query) | Q(published_vector=search_query))
        .annotate(rank=SearchRank(SearchVector(public_text, config=SEARCH_CONFIG), search_query))
        .order_by("-rank", "-created_at", "-id")
    )


def search_contributions(contributions: QuerySet[Contribution], query: str) -> QuerySet[Contribution]:
    """Filter contributions by a free-text query with the best method the database offers."""
    if connection.vendor == "postgresql":
        return search_postgres(contributions, query)
    return search_simple(contributions, query)
