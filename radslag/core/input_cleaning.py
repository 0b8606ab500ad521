"""Where text enters through forms and query strings: control characters are dropped (`clean_text`).

A vertical tab pasted from Word or an escape character typed by a script reaches no form, service or
stored row. Tab and newline stay; every line break becomes a newline. File uploads are not touched:
imports clean their cells themselves, row by row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from radslag.analysis.safe_text import clean_text, has_unwanted_characters

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def cleaned_query(query: QueryDict) -> QueryDict:
    """The same query with every value cleaned; the same object when nothing needed it (the usual case)."""
    if not any(has_unwanted_characters(key) or any(has_unwanted_characters(v) for v in values)
               for key, values in query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


class CleanTextInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Immutable like Django's own; the stubs name that state as a separate type.
        request.GET = cleaned_query(request.GET)  # type: ignore[assignment]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = cleaned_query(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
