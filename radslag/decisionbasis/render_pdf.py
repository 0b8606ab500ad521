"""The decision basis as a tagged PDF (WeasyPrint), with the compilation's print layout and fetcher."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import override

from radslag.decisionbasis.document import BasisDocument
from radslag.decisionbasis.render_text import document_title, header_rows
from radslag.reports.render_pdf import PDF_VARIANT, PRINT_CSS, local_fetcher_class

BASIS_CSS = Path(__file__).resolve().parent / "print.css"


def render_basis_pdf(content: BasisDocument) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = local_fetcher_class()()
    with override(content.language):
        html = render_to_string("decisionbasis/pdf.html", document_context(content))
    document = HTML(string=html, base_url=PRINT_CSS.parent.as_uri() + "/", url_fetcher=fetcher)
    stylesheets = [CSS(filename=str(PRINT_CSS), url_fetcher=fetcher), CSS(filename=str(BASIS_CSS), url_fetcher=fetcher)]
    pdf: bytes = document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
    return pdf


def document_context(content: BasisDocument) -> dict[str, object]:
    """What the document templates need; call in the document's language."""
    return {"doc": content, "doc_title": document_title(content), "header_rows": header_rows(content)}
