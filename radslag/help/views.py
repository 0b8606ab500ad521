"""The handbook's pages: open to everyone, since the handbook holds nothing secret."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from radslag.help import chapters as handbook


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "help/index.html", {"chapters": handbook.all_chapters(get_language() or "sv")})


def chapter_page(request: HttpRequest, chapter: str) -> HttpResponse:
    language = get_language() or "sv"
    found = handbook.chapter(chapter, language)
    if found is None:
        raise Http404
    context = {"chapter": found, "chapters": handbook.all_chapters(language)}
    return render(request, "help/chapter.html", context)
