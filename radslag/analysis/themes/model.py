"""The data the theme engine takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TextItem:
    """One piece of input: a contribution, a note, a survey answer."""

    id: str
    text: str
    language: str | None = None  # ISO 639 code its source states (say, the form's language); see text_language


@dataclass
class Theme:
    """A group of texts about the same thing."""

    key: str
    label: str
    keywords: list[str]
    members: list[str]  # item ids, strongest member first
    strengths: list[float]  # membership strength in [0, 1], same order as members
    quotes: list[str]  # ids of the 3-5 most representative members
    keyword_weights: list[float] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class ThemeResult:
    """Themes, the texts that fit none of them, and how the result was reached."""

    themes: list[Theme]
    outliers: list[str]
    meta: dict[str, Any]
    centroids: dict[str, list[float]] = field(default_factory=dict)  # in the run's reduced space
    vector_centroids: dict[str, list[float]] = field(default_factory=dict)  # in the backend's vector space

    def to_dict(self) -> dict[str, Any]:
        """The command line's JSON shape: members and quotes are the input's ids."""
        return {
            "themes": [
                {
                    "id": theme.key,
                    "label": theme.label,
                    "keywords": theme.keywords,
                    "members": theme.members,
                    "member_strengths": [round(value, 4) for value in theme.strengths],
                    "quotes": theme.quotes,
                }
                for theme in self.themes
            ],
            "outliers": self.outliers,
            "meta": self.meta,
        }
