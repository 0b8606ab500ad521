"""Theme analysis: group free-text input into named themes with quotes and outliers.

Public face: `find_themes`, `TextItem`, `Theme`, `ThemeResult`.
"""

from radslag.analysis.themes.engine import DEFAULT_OUTLIER_THRESHOLD, find_themes
from radslag.analysis.themes.model import TextItem, Theme, ThemeResult

__all__ = ["DEFAULT_OUTLIER_THRESHOLD", "TextItem", "Theme", "ThemeResult", "find_themes"]
