"""The blank paper ballot as an A4 PDF (WeasyPrint), for those who do not vote on a phone.

It lists the options in the order of the staff paper-entry form, with a box for each, so that staff can
type a filled-in paper straight into that form. Nothing is loaded from outside the document: the
stylesheet is read from this package and every URL the HTML might name is refused. WeasyPrint is
imported when the first paper is made, as in `reports.render_pdf` (which voting may not import).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from radslag.analysis.ballot_rules import WORD_MAX_LENGTH
from radslag.core.models import AgeBand
from radslag.organisations.models import Locality
from radslag.voting.models import Ballot

PAPER_CSS = Path(__file__).resolve().parent / "paper_ballot.css"
# PDF/UA-1: a tagged PDF with language and title, so that the paper can also be read on a screen reader.
PDF_VARIANT = "pdf/ua-1"


@cache
def _no_fetching_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetchingError

    class NoFetching(URLFetcher):
        """The paper ballot needs no file, image or address: refuse every one."""

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            raise URLFetchingError(f"A paper ballot loads nothing from outside, not {url}")

    return NoFetching


def paper_ballot_context(ballot: Ballot) -> dict[str, Any]:
    # The same lists, in the same order, as the staff paper-entry form (`PaperVoteForm`).
    localities = list(Locality.objects.filter(organisation=ballot.organisation)) if ballot.collect_profile else []
    return {"ballot": ballot, "options": list(ballot.options.all()), "localities": localities,
            "age_bands": AgeBand.choices if ballot.collect_profile else [], "organisation": ballot.organisation,
            "word_limit": WORD_MAX_LENGTH}


def render_paper_ballot(ballot: Ballot) -> bytes:
    """PDF bytes of one blank A4 paper ballot, in the language of the current request."""
    from weasyprint import CSS, HTML

    fetcher = _no_fetching_class()()
    html = render_to_string("voting/paper_ballot.html", paper_ballot_context(ballot))
    document = HTML(string=html, base_url=Path(__file__).resolve().parent.as_uri() + "/", url_fetcher=fetcher)
    stylesheet = CSS(string=PAPER_CSS.read_text(encoding="utf-8"), url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    return pdf
