"""Writing the compilation's texts and publishing frozen versions of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.analysis.safe_text import writable_tree
from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.core.localized import interface_language
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.notify import process_topics
from radslag.messaging.outbox import announce
from radslag.reports.assembly import assemble_compilation
from radslag.reports.content import TRANSLATIONS_KEY, CompilationContent, from_snapshot, to_snapshot
from radslag.reports.models import Compilation, CompilationVersion
from radslag.reports.render_docx import render_docx
from radslag.reports.render_pdf import render_pdf


def compilation_for(process: DialogueProcess) -> Compilation:
    """The process's compilation, created empty the first time staff open it."""
    compilation, _created = Compilation.objects.get_or_create(
        process=process, defaults={"organisation_id": process.organisation_id}
    )
    return compilation


@transaction.atomic
def save_compilation_texts(
    *, compilation: Compilation, actor: Any, introduction: str, closing: str, only_accepted_themes: bool | None = None,
    introduction_en: str = "", closing_en: str = "",
) -> Compilation:
    compilation.introduction, compilation.closing = introduction.strip(), closing.strip()
    compilation.introduction_en, compilation.closing_en = introduction_en.strip(), closing_en.strip()
    if only_accepted_themes is not None:
        compilation.only_accepted_themes = only_accepted_themes
    compilation.save(update_fields=[
        "introduction", "closing", "introduction_en", "closing_en", "only_accepted_themes", "updated_at",
    ])
    record_event(
        organisation=compilation.organisation, actor=actor, action="compilation.texts_saved", target=compilation
    )
    return compilation


def _next_number(compilation: Compilation) -> int:
    # Lock the compilation row so that two publishes at once cannot take the same number.
    Compilation.objects.select_for_update().filter(pk=compilation.pk).first()
    latest = compilation.versions.aggregate(latest=Max("number"))["latest"]
    return (latest or 0) + 1


def _published_content(
    compilation: Compilation, number: int, at: Any, language: str | None = None
) -> CompilationContent:
    content = assemble_compilation(process=compilation.process, compilation=compilation, language=language)
    with override(content.language):
        published_on = formats.date_format(timezone.localtime(at), "j F Y")
    # The snapshot is stored as JSON (PostgreSQL refuses NUL there) and rendered to PDF and DOCX.
    return writable_tree(replace(content, version=number, published_on=published_on))


@transaction.atomic
def publish_compilation(
    *, compilation: Compilation, actor: Any, now: dt.datetime | None = None
) -> CompilationVersion:
    """Freezes the compilation as it is now into version n+1, with its PDF and Word files.

    `now` dates the version (by default the moment of publishing); an import of earlier records, such as
    the demo's story, gives the day the version was really published."""
    process = compilation.process
    if not process.is_public:
        raise DomainError(_("Publish the dialogue before you publish its compilation."))
    number = _next_number(compilation)
    at = now or timezone.now()
    content = _published_content(compilation, number, at)
    # Frozen in every interface language at once: the labels are the translations of the day, each text
    # the version staff wrote in that language or the original, marked as such.
    translations = {
        code: to_snapshot(_published_content(compilation, number, at, language=code))
        for code, _name in settings.LANGUAGES if code != content.language
    }
    version = CompilationVersion(
        compilation=compilation, number=number, published_at=at, published_by=actor if actor else None,
        snapshot={**to_snapshot(content), TRANSLATIONS_KEY: translations},
    )
    stem = f"{process.slug}-sammanstallning-v{number}"
    version.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(content, created=at)), save=False)
    version.docx.save(f"{stem}.docx", ContentFile(render_docx(content, created=at)), save=False)
    version.save()
    record_event(
        organisation=compilation.organisation, actor=actor, action="compilation.published", target=version,
        data={"process": process.pk, "version": number, "themes": len(content.themes)},
    )
    _announce_version(process, version)
    return version


def _announce_version(process: DialogueProcess, version: CompilationVersion) -> None:
    """One notice per published version to those who follow the process or its focus areas."""
    texts = {}
    for language in ("sv", "en"):
        with translation.override(language):
            title = process.title_en if language == "en" and process.title_en else process.title
            texts[language] = _("The compilation of “%(process)s” is published (version %(number)s)") % {
                "process": title, "number": version.number}
    announce(
        organisation=process.organisation, key=f"compilation:{version.compilation_id}:{version.number}",
        topics=process_topics(process.pk), title=texts["sv"], title_en=texts["en"],
        url=reverse("reports:compilation_version", kwargs={"slug": process.slug, "number": version.number}),
    )


def version_content(version: CompilationVersion, language: str | None = None) -> CompilationContent:
    """The version as frozen in `language` when it was frozen in that language too, else in its own.

    Versions published before compilations were frozen in several languages have only their own."""
    snapshot = version.snapshot
    translated = snapshot.get(TRANSLATIONS_KEY, {}).get(interface_language(language)) if language else None
    return from_snapshot(translated or snapshot)


def version_file(version: CompilationVersion, kind: str) -> bytes:
    """The stored PDF or DOCX of a version; if storage lost it, the same document made from the snapshot."""
    stored = version.pdf if kind == "pdf" else version.docx
    if stored.name and stored.storage.exists(stored.name):
        with stored.open("rb") as handle:
            return handle.read()
    content = version_content(version)
    return render_pdf(content) if kind == "pdf" else render_docx(content, created=version.published_at)
