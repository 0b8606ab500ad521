"""A process's short name in its address: derived from the title, unique within the municipality."""

from __future__ import annotations

from django.utils.text import slugify

from radslag.dialogues.models import DialogueProcess
from radslag.organisations.models import Organisation

# Letters that Unicode does not decompose into a base letter, spelled as a Swede would in an address.
# (å, ä and ö decompose to a, a and o by themselves; they are listed so the rule reads in one place.)
TRANSLITERATION = str.maketrans({
    "å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o",
    "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ß": "ss", "ð": "d", "þ": "th",
})
SLUG_MAX_LENGTH = DialogueProcess._meta.get_field("slug").max_length or 80


def slug_from_title(title: str) -> str:
    """'Mötesplatser i Nödinge' -> 'motesplatser-i-nodinge'; empty when the title has no letters or digits."""
    slug = slugify(title.translate(TRANSLITERATION))
    return slug[:SLUG_MAX_LENGTH].strip("-")


def free_process_slug(*, organisation: Organisation, title: str, process_pk: int | None = None) -> str:
    """The title's slug, or with -2, -3 ... added when another process of the municipality has it."""
    base = slug_from_title(title) or "process"
    others = DialogueProcess.objects.filter(organisation=organisation, slug__startswith=base)
    if process_pk is not None:
        others = others.exclude(pk=process_pk)
    taken = set(others.values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[:SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return candidate
