"""Texts the DOCX renderer shares with the HTML templates (the same msgids, so one translation)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from radslag.decisionbasis.document import BasisDocument


def document_title(content: BasisDocument) -> str:
    return _("Decision basis: %(title)s") % {"title": content.title}


def version_text(content: BasisDocument) -> str:
    if content.frozen:
        return _("Version %(number)s, sent to the committee") % {"number": content.version}
    return _("Version %(number)s, draft") % {"number": content.version}


def header_rows(content: BasisDocument) -> list[tuple[str, str]]:
    """The header block of the tjänsteskrivelse, as (label, value); "–" where nothing is filled in yet."""
    meeting = f"{content.committee}, {content.meeting_date}" if content.meeting_date else content.committee
    rows = [
        (_("Matter"), content.title),
        (_("Registration number"), content.registration_number),
        (_("Date"), content.document_date),
        (_("Case officer"), content.case_officer),
        (_("To"), meeting),
        (_("Version"), version_text(content)),
    ]
    return [(label, value or "–") for label, value in rows]


def missing_text() -> str:
    return _("Not written yet.")
