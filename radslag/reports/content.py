"""The compilation as a tree of plain dataclasses, shared by the HTML, PDF and DOCX renderers.

Every value is already display text (frozen in the municipality's language when assembled), so a
published version renders the same from its JSON snapshot years later.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SNAPSHOT_FORMAT = 1
TRANSLATIONS_KEY = "translations"  # in a stored snapshot: {language: the same tree frozen in that language}


@dataclass(frozen=True)
class ShareRow:
    label: str
    count: int | None  # None when the group is too small to publish
    percent: int | None
    population_percent: int | None = None
    suppressed: bool = False
    under_represented: bool = False
    rounded: bool = False  # no count published, the share rounded (a small group in the same table)


@dataclass(frozen=True)
class ShareTable:
    key: str
    title: str
    rows: tuple[ShareRow, ...]
    answered: int | None
    not_stated: int | None
    compares_population: bool = False
    withheld: bool = False  # small groups could have been worked out, so no row shows a figure


@dataclass(frozen=True)
class ActivityItem:
    title: str
    kind: str
    when: str
    place: str
    attendance: int | None
    title_lang: str = ""  # "sv" where the Swedish original stands in for the document's language


@dataclass(frozen=True)
class MandateItem:
    label: str
    text: str
    lang: str = ""  # "sv" where the Swedish original stands in for the document's language


@dataclass(frozen=True)
class Participation:
    total: int
    population_year: int | None
    adults_only: bool
    channels: ShareTable
    comparisons: tuple[ShareTable, ...]


@dataclass(frozen=True)
class ThemeSection:
    number: int
    label: str
    description: str
    size: int
    percent: int | None
    keywords: tuple[str, ...]
    quotes: tuple[str, ...]
    breakdowns: tuple[ShareTable, ...]
    focus_areas: tuple[str, ...]
    label_lang: str = ""  # "sv" where the Swedish original stands in for the document's language
    description_lang: str = ""


@dataclass(frozen=True)
class CompilationContent:
    language: str
    organisation: str
    title: str
    process_slug: str
    summary: str
    introduction: str
    closing: str
    mandate: tuple[MandateItem, ...]
    activities: tuple[ActivityItem, ...]
    channels_used: tuple[str, ...]
    participation: Participation
    themes: tuple[ThemeSection, ...]
    focus_areas: tuple[str, ...]
    unthemed: int = 0  # published contributions that belong to no theme
    version: int | None = None
    published_on: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Each "sv" where the Swedish original stands in for the document's language (empty: in its language).
    title_lang: str = ""
    summary_lang: str = ""
    introduction_lang: str = ""
    closing_lang: str = ""
    quotes_lang: str = ""  # residents' own words, never translated
    focus_area_langs: tuple[str, ...] = ()

    @property
    def theme_total(self) -> int:
        return sum(theme.size for theme in self.themes)


def to_snapshot(content: CompilationContent) -> dict[str, Any]:
    """The whole tree as plain JSON values (lists, not tuples), exactly as the database will give it back."""
    data: dict[str, Any] = json.loads(json.dumps({"format": SNAPSHOT_FORMAT, **asdict(content)}))
    return data


def _table(data: dict[str, Any]) -> ShareTable:
    return ShareTable(**{**data, "rows": tuple(ShareRow(**row) for row in data["rows"])})


def _theme(data: dict[str, Any]) -> ThemeSection:
    return ThemeSection(**{
        **data,
        "keywords": tuple(data["keywords"]),
        "quotes": tuple(data["quotes"]),
        "breakdowns": tuple(_table(table) for table in data["breakdowns"]),
        "focus_areas": tuple(data["focus_areas"]),
    })


def _participation(data: dict[str, Any]) -> Participation:
    return Participation(**{
        **data,
        "channels": _table(data["channels"]),
        "comparisons": tuple(_table(table) for table in data["comparisons"]),
    })


def from_snapshot(data: dict[str, Any]) -> CompilationContent:
    """The tree back from `to_snapshot`'s dict."""
    values = {key: value for key, value in data.items() if key not in ("format", TRANSLATIONS_KEY)}
    return CompilationContent(**{
        **values,
        "mandate": tuple(MandateItem(**item) for item in values["mandate"]),
        "activities": tuple(ActivityItem(**item) for item in values["activities"]),
        "channels_used": tuple(values["channels_used"]),
        "participation": _participation(values["participation"]),
        "themes": tuple(_theme(theme) for theme in values["themes"]),
        "focus_areas": tuple(values["focus_areas"]),
        "focus_area_langs": tuple(values.get("focus_area_langs", ())),
    })
