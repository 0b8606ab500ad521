"""Template phrases: the structure that many texts share, removed before embedding and naming.

Interview notes, form answers and slips repeat the same headings and prompts ("Mindre bra:",
"Medskick:", "Vad är viktigt?"). Left in, they are the most frequent words of the run: they pull
every text that has them together and name the result ("Medskick", 100 of 299 contributions in the
demo). Two kinds are found, both counted once per text (document frequency):

- headings: 1-4 words at the start of the text, of a line, or after a sentence's end, followed by
  a colon ("Det som skaver:"). One is a template when it starts a part of at least
  `MIN_TEMPLATE_TEXTS` texts and of at least `HEADING_SHARE` of them;
- prompts: a short sentence (at most `PROMPT_WORDS` words, or a question) found whole in at least
  `MIN_TEMPLATE_TEXTS` texts and `PROMPT_SHARE` of them.

Only the template itself is removed: "Medskick: Fler laddplatser" keeps "Fler laddplatser". A text
that would be left empty keeps its words (then it is all template, and groups with its copies).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MIN_TEMPLATE_TEXTS = 3
HEADING_SHARE = 0.05
PROMPT_SHARE = 0.15
PROMPT_WORDS = 6

# A heading: at a text's or line's start or after ". ! ? ” )", 1-4 words, then ":" and a space or the end.
_HEADING = re.compile(r"(?:^|(?<=\n)|(?<=[.!?”\")]\s))[ \t]*([^\W\d_][\w'’-]*(?:[ \t]+[\w'’-]+){0,3})[ \t]*:(?=\s|$)")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True)
class Templates:
    headings: tuple[str, ...] = ()  # normalised (lower case), as found
    prompts: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.headings or self.prompts)

    def as_dict(self, counts: Counter[str]) -> list[dict[str, object]]:
        """For `meta`: each removed phrase, its kind and the number of texts it was in."""
        return [{"phrase": phrase, "kind": "heading", "texts": counts[phrase]} for phrase in self.headings] + [
            {"phrase": phrase, "kind": "prompt", "texts": counts[phrase]} for phrase in self.prompts
        ]


def _normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split()).strip(" .!?:")


def _sentences(text: str) -> list[str]:
    return [match.group(0).strip() for match in _SENTENCE.finditer(text) if match.group(0).strip()]


def find_templates(texts: Sequence[str]) -> tuple[Templates, Counter[str]]:
    """Headings and prompts that stand in a large share of `texts` as structure."""
    headings: Counter[str] = Counter()
    prompts: Counter[str] = Counter()
    for text in texts:
        headings.update({_normalise(match.group(1)) for match in _HEADING.finditer(text)})
        prompts.update(
            {
                _normalise(sentence)
                for sentence in _sentences(_HEADING.sub(" ", text))
                if len(sentence.split()) <= PROMPT_WORDS or sentence.endswith("?")
            }
        )
    total = len(texts)

    def frequent(counts: Counter[str], share: float) -> tuple[str, ...]:
        least = max(MIN_TEMPLATE_TEXTS, share * total)
        return tuple(sorted(phrase for phrase, count in counts.items() if _LETTER.search(phrase) and count >= least))

    found = Templates(headings=frequent(headings, HEADING_SHARE), prompts=frequent(prompts, PROMPT_SHARE))
    return found, headings + prompts


def strip_templates(text: str, templates: Templates) -> str:
    """`text` without the template headings and prompts; the text itself when nothing else is left."""
    if not templates.found:
        return text
    heading_set = set(templates.headings)
    stripped = _HEADING.sub(lambda match: " " if _normalise(match.group(1)) in heading_set else match.group(0), text)
    prompt_set = set(templates.prompts)
    if prompt_set:
        kept = [sentence for sentence in _sentences(stripped) if _normalise(sentence) not in prompt_set]
        stripped = " ".join(kept)
    stripped = " ".join(stripped.split())
    return stripped if _LETTER.search(stripped) else text
