"""Every path resolves to the same view, with the same arguments, whether or not the apps at the root
step aside for first segments they do not serve (core.url_sections)."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

from radslag.core.url_sections import SectionResolver

SAMPLES = {"int": "7", "slug": "ale-kommun", "str": "abc", "uuid": str(uuid.UUID(int=5)), "path": "a/b.txt"}


def _plain(patterns):
    """The same patterns as Django would resolve them without sections."""
    return [URLResolver(p.pattern, p.urlconf_name, p.default_kwargs, p.app_name, p.namespace)
            if isinstance(p, SectionResolver) else p for p in patterns]


def _paths(patterns, prefix=""):
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "abc"),
                                str(pattern.pattern))
        if isinstance(pattern, URLPattern):
            yield route
        else:
            yield from _paths(pattern.url_patterns, route)


def _outcome(resolver, path):
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    return match.func, match.args, match.kwargs, match.url_name, match.namespaces


def test_every_path_resolves_as_it_would_without_sections():
    site = get_resolver()
    assert any(isinstance(p, SectionResolver) for p in site.url_patterns)
    plain = URLResolver(RegexPattern(r"^/"), _plain(site.url_patterns))
    paths = sorted(set(_paths(site.url_patterns)))
    assert len(paths) > 300
    extra = ["/", "/forslag", "/forslagx/", "/personal/okand/", "/robots.txt", "/okand/sida/", "/forslag/999/stod/"]
    found = 0
    for path in ["/" + p for p in paths] + extra:
        expected = _outcome(plain, path)
        assert _outcome(site, path) == expected, path
        found += expected is not None
    assert found >= len(paths) * 0.95  # the sample paths reach their views


def test_an_include_that_could_start_anywhere_is_always_tried():
    from django.urls import path, re_path

    def view(request):
        return None

    both = SectionResolver(RoutePattern(""), [path("forslag/<int:pk>/", view), path("<slug:s>/x/", view)])
    regex = SectionResolver(RoutePattern(""), [re_path(r"^(?:a|b)/$", view)])
    fixed = SectionResolver(RoutePattern(""), [path("forslag/", view), path("robots.txt", view)])
    assert "*" in both.first_segments and "*" in regex.first_segments
    assert fixed.first_segments == {"forslag", "robots.txt"}
