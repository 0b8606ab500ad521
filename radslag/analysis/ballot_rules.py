"""What a ballot and a ballots file may contain: the one definition that the live vote and `radslag tally` share.

A ballot is read into its canonical form or refused with a `BallotError` whose message is Swedish
(the command line shows it as it is) and whose `kind` lets the web translate it. The rules, by method:

- dot: a JSON object from option to a whole number of dots (0 or more; `true` is not a number), at most
  `cap` on one option and `dots` in all, at least one dot; options given 0 dots are dropped;
- approval: a list of options, at least one, each at most once (a string such as "ab" is not a list);
- single: one option;
- ranked: a list of options, best first, at least one, each at most once. Options left out are ranked
  below every ranked option and equal to each other (see `tallies.pairwise_preferences` and Borda).
- words: a short free text ("Ett ord om mötet"), stored normalised: spaces trimmed and collapsed and
  letters in lower case, so that "Trygghet" and "trygghet " count as one word. A words ballot has no options.

Options are named by strings; whole numbers are accepted and read as strings (kiosks send ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Option = str
Choices = dict[str, int] | list[str] | str
METHODS = ("dot", "approval", "single", "ranked", "words")
WORD_MAX_LENGTH = 40


class BallotError(ValueError):
    """A ballot or a ballots file breaks the rules. The message is Swedish; `kind` names the rule broken."""

    def __init__(self, message: str, kind: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _name(value: object) -> str:
    if isinstance(value, str) or _is_whole(value):
        return str(value)
    raise BallotError("Valsedeln kunde inte läsas: ett alternativ ska anges med sitt namn.", "unreadable")


def _check_known(chosen: Sequence[Option], options: Sequence[Option]) -> None:
    known = set(options)
    unknown = [o for o in chosen if o not in known]
    if unknown:
        raise BallotError(f"Okänt alternativ: {', '.join(unknown)}.", "unknown_option", options=unknown)


def _names(raw: object, options: Sequence[Option], *, repeated: str) -> list[str]:
    if not isinstance(raw, list):
        raise BallotError("Valsedeln kunde inte läsas: den ska vara en lista med alternativ.", "unreadable")
    chosen = [_name(item) for item in raw]
    if not chosen:
        raise BallotError("Valsedeln är tom: välj minst ett alternativ.", "empty")
    _check_known(chosen, options)
    if len(set(chosen)) != len(chosen):
        raise BallotError(repeated, "repeated")
    return chosen


def read_dots(raw: object, options: Sequence[Option], *, dots: int, cap: int) -> dict[str, int]:
    if not isinstance(raw, Mapping):
        raise BallotError("Valsedeln kunde inte läsas: prickarna ska anges per alternativ.", "unreadable")
    if not all(_is_whole(n) for n in raw.values()):
        raise BallotError("Antalet prickar måste vara ett heltal.", "not_whole")
    allocation = {str(key): n for key, n in raw.items()}
    _check_known(list(allocation), options)
    if any(n < 0 for n in allocation.values()):
        raise BallotError("Antalet prickar måste vara ett heltal som är noll eller större.", "negative")
    used = sum(allocation.values())
    if used > dots:
        raise BallotError(f"Du har delat ut {used} prickar men har bara {dots}.", "too_many", used=used, dots=dots)
    over = [o for o, n in allocation.items() if n > cap]
    if over:
        raise BallotError(f"Högst {cap} prickar per alternativ ({', '.join(over)} fick fler).", "over_cap",
                          cap=cap, options=over)
    if used == 0:
        raise BallotError("Valsedeln är tom: ge minst en prick till något alternativ.", "no_dots")
    return {o: n for o, n in allocation.items() if n}


def read_approval(raw: object, options: Sequence[Option]) -> list[str]:
    return _names(raw, options, repeated="Samma alternativ får bara väljas en gång.")


def read_single(raw: object, options: Sequence[Option]) -> str:
    if raw is None or raw == "":
        raise BallotError("Valsedeln är tom: välj ett alternativ.", "no_choice")
    if isinstance(raw, list | dict):
        raise BallotError("Valsedeln kunde inte läsas: den ska ange ett alternativ.", "unreadable")
    choice = _name(raw)
    _check_known([choice], options)
    return choice


def read_ranking(raw: object, options: Sequence[Option]) -> list[str]:
    return _names(raw, options, repeated="Varje alternativ får bara rangordnas en gång.")


def normalise_word(text: str) -> str:
    """One spelling per word: outer spaces dropped, inner runs of spaces made one, letters in lower case."""
    return " ".join(text.split()).casefold()


def read_word(raw: object) -> str:
    if not isinstance(raw, str):
        raise BallotError("Svaret kunde inte läsas: det ska vara en text.", "unreadable")
    word = normalise_word(raw)
    if not word:
        raise BallotError("Svaret är tomt: skriv ett ord.", "no_word")
    if len(word) > WORD_MAX_LENGTH:
        raise BallotError(f"Svaret får vara högst {WORD_MAX_LENGTH} tecken.", "word_too_long",
                          limit=WORD_MAX_LENGTH)
    return word


def read_ballot(method: str, raw: object, options: Sequence[Option], *, dots: int = 1, cap: int = 1) -> Choices:
    """The ballot in the form it is stored and counted in, or a BallotError saying what is wrong."""
    if method == "words":
        return read_word(raw)
    if method == "dot":
        return read_dots(raw, options, dots=dots, cap=cap)
    if method == "approval":
        return read_approval(raw, options)
    if method == "single":
        return read_single(raw, options)
    return read_ranking(raw, options)


@dataclass(frozen=True)
class BallotsFile:
    """A checked ballots file: every ballot canonical, the counts of dots and eligible voters sound."""

    method: str
    options: list[Option]
    ballots: list[Choices]
    dots: int
    cap: int
    eligible: int | None


def _whole_at_least(spec: Mapping[str, Any], key: str, least: int, default: int | None = None) -> int:
    value = spec.get(key, default)
    if not _is_whole(value) or value < least:
        raise BallotError(f"”{key}” ska vara ett heltal som är minst {least}.", "file")
    return int(value)


def _options(spec: Mapping[str, Any]) -> list[Option]:
    raw = spec.get("options")
    if not isinstance(raw, list) or not raw:
        raise BallotError("”options” ska vara en lista med minst ett alternativ.", "file")
    try:
        options = [_name(o) for o in raw]
    except BallotError:
        raise BallotError("”options” ska bara innehålla alternativens namn.", "file") from None
    if any(not o for o in options) or len(set(options)) != len(options):
        raise BallotError("Varje alternativ i ”options” ska ha ett eget namn som inte är tomt.", "file")
    return options


def read_ballots_file(spec: object, method: str | None = None) -> BallotsFile:
    """Checks a whole ballots file; the message of a refusal names the ballot by its number (from 1)."""
    if not isinstance(spec, Mapping):
        raise BallotError("Filen ska innehålla ett JSON-objekt med ”options” och ”ballots”.", "file")
    method = method or spec.get("method")
    if method not in METHODS:
        raise BallotError(f"Okänd metod ”{method}”. Välj bland: {', '.join(METHODS)}.", "file")
    options = [] if method == "words" else _options(spec)
    dots = _whole_at_least(spec, "dots", 1) if method == "dot" else 1
    cap = _whole_at_least(spec, "cap", 1, default=dots) if method == "dot" else 1
    raw_ballots = spec.get("ballots")
    if not isinstance(raw_ballots, list):
        raise BallotError("”ballots” ska vara en lista med valsedlar.", "file")
    ballots: list[Choices] = []
    for number, raw in enumerate(raw_ballots, start=1):
        try:
            ballots.append(read_ballot(method, raw, options, dots=dots, cap=min(cap, dots)))
        except BallotError as error:
            raise BallotError(f"Valsedel {number}: {error}", error.kind, ballot=number) from error
    eligible = spec.get("eligible")
    if eligible is not None:
        eligible = _whole_at_least(spec, "eligible", 0)
        if eligible < len(ballots):
            raise BallotError(f"”eligible” ({eligible}) är färre än antalet valsedlar ({len(ballots)}); "
                              "valdeltagandet skulle bli över 100 %.", "file")
    return BallotsFile(method, options, ballots, dots, min(cap, dots), eligible)
