"""What the room may see of a words ballot ("Ett ord om mötet"): counted words, moderated.

The words come from the same snapshot as every live result (`voting.live`), so they move only in
groups of ballots. On top of that, a word is shown to the public only when

- at least `min_count()` people gave it (setting RADSLAG_WORD_MIN_COUNT, default 2): a word only one
  person wrote could point to that person, or be about someone;
- none of its words is on the blocklist (setting RADSLAG_WORD_BLOCKLIST, a list of words);
- staff have not hidden it (`HiddenWord`).

Staff see every word with its count, so that they can hide one; the stored ballots are never changed,
and `radslag tally` recounts all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from radslag.analysis.ballot_rules import normalise_word
from radslag.analysis.tallies import TallyResult
from radslag.voting.models import Ballot

DEFAULT_MIN_COUNT = 2
DEFAULT_BLOCKLIST = ("fan", "faen", "jävla", "jävlar", "helvete", "fitta", "kuk", "hora", "idiot", "cp")
SIZES = 5


def min_count() -> int:
    return max(1, int(getattr(settings, "RADSLAG_WORD_MIN_COUNT", DEFAULT_MIN_COUNT)))


def blocklist() -> frozenset[str]:
    words: Iterable[str] = getattr(settings, "RADSLAG_WORD_BLOCKLIST", DEFAULT_BLOCKLIST)
    return frozenset(normalise_word(word) for word in words if normalise_word(word))


def is_blocked(word: str, blocked: frozenset[str]) -> bool:
    return word in blocked or any(part.strip(".,!?;:\"'()") in blocked for part in word.split())


@dataclass(frozen=True)
class Word:
    text: str
    count: int
    size: int  # 1 (smallest) to SIZES, for the cloud
    hidden: bool = False  # by staff
    blocked: bool = False  # by the blocklist
    too_few: bool = False  # given by fewer than min_count() people

    @property
    def shown(self) -> bool:
        return not (self.hidden or self.blocked or self.too_few)


@dataclass(frozen=True)
class WordView:
    words: list[Word]  # shown to everyone, most often given first
    held_back: int  # answers not shown (rare, hidden or blocked words)


def _size(count: int, largest: int) -> int:
    return 1 + round((SIZES - 1) * (count - 1) / (largest - 1)) if largest > 1 else SIZES


def all_words(ballot: Ballot, result: TallyResult) -> list[Word]:
    """Every counted word with why it is not shown, if it is not (for staff)."""
    hidden = set(ballot.hidden_words.values_list("word", flat=True))
    blocked, least = blocklist(), min_count()
    counts = [(score.option, int(score.score)) for score in result.scores if score.score]
    largest = max((count for _word, count in counts), default=1)
    return [Word(text, count, _size(count, largest), hidden=text in hidden, blocked=is_blocked(text, blocked),
                 too_few=count < least) for text, count in counts]


def word_view(ballot: Ballot, result: TallyResult) -> WordView:
    """What anyone may see: the words given often enough that are neither blocked nor hidden."""
    words = all_words(ballot, result)
    shown = [word for word in words if word.shown]
    largest = max((word.count for word in shown), default=1)
    shown = [Word(word.text, word.count, _size(word.count, largest)) for word in shown]
    return WordView(shown, sum(word.count for word in words) - sum(word.count for word in shown))


def words_payload(view: WordView) -> dict[str, object]:
    return {"words": [{"word": w.text, "count": w.count, "size": w.size} for w in view.words],
            "held_back": view.held_back}
