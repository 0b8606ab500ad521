"""The apps' URL lists, mounted at the site's root, each tried only for the first path segments it serves.

Every app's `urls.py` is included at "" (its paths begin with Swedish words such as `forslag/`,
`personal/`, `dialoger/`), so Django's resolver tried each request against every pattern of every app
listed before the one that answers: some 240 patterns for a support on a proposal, about a tenth of
the request's processor time. `by_first_segment` gives each such include the set of first segments
its patterns can start with, and the include steps aside at once for a path that starts with another.
Which view answers a path is unchanged: patterns are still tried in the order they are listed, and an
include with a pattern that could start with anything (a regular expression, a converter in the first
segment, an empty route) is always tried.
"""

from __future__ import annotations

import functools
from typing import Any

from django.urls import URLPattern, URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

# A first segment that could be anything: the include is always tried.
ANYWHERE = "*"


class SectionResolver(URLResolver):
    def resolve(self, path: Any) -> Any:
        segments = self.first_segments
        if ANYWHERE not in segments and str(path).split("/", 1)[0] not in segments:
            raise Resolver404({"path": str(path)})  # as an include whose patterns all failed says it
        return super().resolve(path)

    @functools.cached_property
    def first_segments(self) -> frozenset[str]:
        return frozenset(_segments(self.url_patterns))


def _segments(patterns: list[Any]) -> set[str]:
    found: set[str] = set()
    for pattern in patterns:
        found |= _segments_of(pattern)
        if ANYWHERE in found:
            break
    return found


def _segments_of(pattern: URLPattern | URLResolver) -> set[str]:
    if not isinstance(pattern.pattern, RoutePattern):  # a regular expression may match anything
        return {ANYWHERE}
    route = str(pattern.pattern)
    literal = route.split("<", 1)[0]
    if "/" in literal:
        return {literal.split("/", 1)[0]}
    if isinstance(pattern, URLPattern) and "<" not in route:
        return {route}  # an endpoint matches the whole path: its one segment is the route
    if isinstance(pattern, URLResolver) and not route:
        return _segments(pattern.url_patterns)  # a nested include at the same place
    return {ANYWHERE}


def by_first_segment(patterns: list[Any]) -> list[Any]:
    """`patterns` with each include mounted at "" made a SectionResolver; everything else as it was."""
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, RoutePattern) and not str(pattern.pattern):
            pattern = SectionResolver(pattern.pattern, pattern.urlconf_name, pattern.default_kwargs,
                                      pattern.app_name, pattern.namespace)
        result.append(pattern)
    return result
