"""The decision basis as a tagged PDF (WeasyPrint), with the compilation's print layout and fetcher; and its
attachment 1, the compilation, as the reports app makes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import override

from radslag.core.word_document import word_language
from radslag.decisionbasis.document import BasisDocument
from radslag.decisionbasis.render_text import document_title, header_rows
from radslag.reports.render_pdf import PDF_VARIANT, PRINT_CSS, local_fetcher_class
from radslag.reports.render_pdf import render_pdf as render_compilation_pdf

BASIS_CSS = Path(__file__).resolve().parent / "print.css"


def render_basis_pdf(content: BasisDocument) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = local_fetcher_class()()
    with override(content.language):
        html = render_to_string("decisionbasis/pdf.html", {**document_context(content), **pdf_metadata(content)})
    document = HTML(string=html, base_url=PRINT_CSS.parent.as_uri() + "/", url_fetcher=fetcher)
    stylesheets = [CSS(filename=str(PRINT_CSS), url_fetcher=fetcher), CSS(filename=str(BASIS_CSS), url_fetcher=fetcher)]
    pdf: bytes = document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
    return pdf


def render_attachment_pdf(content: BasisDocument) -> bytes:
    """Attachment 1 as PDF: the full compilation, as frozen with the version (or as it reads now, for a draft),
    dated like its Word file, so that a frozen version's attachment is made again the same."""
    return render_compilation_pdf(content.attachment, created=dt.datetime.fromisoformat(content.made_at))


def document_context(content: BasisDocument) -> dict[str, object]:
    """What the document templates need; call in the document's language."""
    return {"doc": content, "doc_title": document_title(content), "header_rows": header_rows(content)}


def pdf_metadata(content: BasisDocument) -> dict[str, str]:
    """The PDF's language tag (sv-SE) and its dates: when the content was made, so that a frozen version's
    PDF made again carries the same dates (W3C format, as WeasyPrint reads dcterms.created)."""
    made = dt.datetime.fromisoformat(content.made_at).astimezone(dt.UTC)
    return {"pdf_lang": word_language(content.language), "pdf_made_at": made.strftime("%Y-%m-%dT%H:%M:%SZ")}
