"""Theme analysis: group free-text input into named themes with quotes and outliers.

Public face: `find_themes` (also re-runs that keep people's decisions: `ExistingTheme`, ``fixed``),
`split_theme`, `TextItem`, `Theme`, `ThemeResult`.
"""

from radslag.analysis.themes.decisions import DEFAULT_ASSIGN_THRESHOLD, ExistingTheme
from radslag.analysis.themes.engine import DEFAULT_OUTLIER_THRESHOLD, find_themes, split_theme
from radslag.analysis.themes.model import TextItem, Theme, ThemeResult

__all__ = [
    "DEFAULT_ASSIGN_THRESHOLD",
    "DEFAULT_OUTLIER_THRESHOLD",
    "ExistingTheme",
    "TextItem",
    "Theme",
    "ThemeResult",
    "find_themes",
    "split_theme",
]
