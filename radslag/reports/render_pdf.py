"""The compilation as a tagged PDF (WeasyPrint), made without any network access.

WeasyPrint is imported when the first PDF is made, not when Django starts: importing it parses its
default stylesheets, which every web process and management command would otherwise pay for.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import override

from radslag.analysis.safe_text import writable_tree
from radslag.reports.content import CompilationContent

PACKAGE_DIR = Path(__file__).resolve().parent
PRINT_CSS = PACKAGE_DIR / "print.css"
# PDF/UA-1: a tagged PDF with the document's language and title, readable by screen readers.
PDF_VARIANT = "pdf/ua-1"


def local_file_for(url: str) -> Path | None:
    """The file a URL in the PDF's HTML or CSS may load: the print stylesheet or a static file; else None."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = unquote(parts.path)
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(static_prefix):
        found = finders.find(path.removeprefix(static_prefix))
        return Path(found) if isinstance(found, str) else None
    return PRINT_CSS if Path(path).resolve() == PRINT_CSS else None


@cache
def local_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    class LocalStaticFetcher(URLFetcher):
        """Serves the project's own static files and nothing else: no http, no other files on disk."""

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            path = local_file_for(url)
            if path is None:
                raise URLFetchingError(f"Only the project's static files may be used in a PDF, not {url}")
            return URLFetcherResponse(url, body=path.read_bytes())

    return LocalStaticFetcher


def render_pdf(content: CompilationContent, *, created: dt.datetime | None = None) -> bytes:
    """PDF bytes of the compilation, with headings as bookmarks and text in DejaVu fonts.

    `created` dates the PDF (as a W3C date in UTC), so that a file made again from frozen content carries
    the same dates; without it the PDF has none."""
    from weasyprint import CSS, HTML

    fetcher = local_fetcher_class()()
    content = writable_tree(content)  # no control characters in the HTML that WeasyPrint parses
    made_at = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if created else ""
    with override(content.language):
        html = render_to_string("reports/pdf.html", {"content": content, "pdf_made_at": made_at})
    document = HTML(string=html, base_url=PACKAGE_DIR.as_uri() + "/", url_fetcher=fetcher)
    stylesheet = CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    return pdf
