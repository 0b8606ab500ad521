"""Survey weights by raking (iterative proportional fitting) to population margins, and weighted shares.

Raking adjusts one weight per respondent so that the weighted count in every category of every
background variable (age band, sex, locality) matches the population's share of that category. The
variables are adjusted one at a time, in turn, until all of them match at once (Deming and Stephan's
iterative proportional fitting; what R's `survey::rake` and Meta's `balance` call raking).

- Weights are scaled to sum to the number of respondents, so a weight of 2 means "counts as two
  respondents" and the mean weight is 1.
- Trimming: after each round the weights are held within bounds (by default 0.2 to 5 times the mean)
  while their sum stays the number of respondents; the rounds go on, so the margins are matched as
  well as the bounds allow. When the bounds make an exact match impossible the result says it did not
  converge and the margins are as close as the rounds got.
- A population category with no respondents cannot be weighted up from nothing: it is left out, the
  variable's other categories share its population (their relative sizes unchanged), and a warning
  names it.
- Design effect (Kish): n Σw² / (Σw)², how much the weights widen confidence intervals; the effective
  sample size is n divided by it.

Weighted shares come with 95 % confidence intervals that take the weights into account: the variance
of the weighted share by linearisation (the with-replacement approximation R's `survey` package uses),
turned into an effective number of answers, and a Wilson score interval on that effective number, so
that the interval stays inside 0 to 1 and does not collapse to a point when a share is 0 or 100 %.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

DEFAULT_TRIM = (0.2, 5.0)
DEFAULT_TOLERANCE = 1e-10  # largest difference between a weighted share and its target, to converge
DEFAULT_MAX_ITERATIONS = 1000
OFF_TARGET = 0.001  # a category whose weighted share ends this far from its target is named (0.1 percentage point)
Z_95 = 1.959963984540054


class RakingError(ValueError):
    """Input that cannot be raked; the message says what and where, in Swedish."""

    def __init__(self, message: str, *, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row  # 0-based respondent index, when one respondent is the cause


@dataclass(frozen=True)
class RakingResult:
    weights: np.ndarray  # one per respondent, in the input's order; they sum to the number of respondents
    iterations: int
    converged: bool
    max_deviation: float  # the largest |weighted share - target share| over all categories at the end
    design_effect: float
    effective_sample_size: float
    min_weight: float
    max_weight: float
    trim: tuple[float, float] | None
    empty_categories: tuple[tuple[str, str], ...] = ()  # (variable, category) with no respondents
    warnings: tuple[str, ...] = field(default=())
    # When not converged: (variable, category, weighted share, target share) of the categories the bounds keep
    # more than OFF_TARGET from their target, the farthest first.
    off_target: tuple[tuple[str, str, float, float], ...] = ()

    def report(self) -> dict[str, object]:
        """The result's figures as plain JSON-ready values (what `radslag weights --report` writes)."""
        return {
            "respondents": len(self.weights), "iterations": self.iterations, "converged": self.converged,
            "max_deviation": self.max_deviation, "design_effect": self.design_effect,
            "effective_sample_size": self.effective_sample_size, "min_weight": self.min_weight,
            "max_weight": self.max_weight, "trim": list(self.trim) if self.trim else None,
            "empty_categories": [{"variable": v, "category": c} for v, c in self.empty_categories],
            "off_target": [{"variable": v, "category": c, "share": share, "target": target}
                           for v, c, share, target in self.off_target],
            "warnings": list(self.warnings),
        }


def kish_design_effect(weights: np.ndarray) -> float:
    """n Σw² / (Σw)²: 1 for equal weights, larger the more the weights vary."""
    total = float(weights.sum())
    if len(weights) == 0 or total <= 0:
        return 1.0
    return float(len(weights) * np.dot(weights, weights) / (total * total))


def effective_sample_size(weights: np.ndarray) -> float:
    """(Σw)² / Σw²: the number of equally weighted answers that would be as precise."""
    squares = float(np.dot(weights, weights))
    return float(weights.sum()) ** 2 / squares if squares > 0 else 0.0


def _validated_margins(margins: Mapping[str, Mapping[str, float]], variables: Sequence[str]
                       ) -> dict[str, dict[str, float]]:
    checked: dict[str, dict[str, float]] = {}
    for variable in variables:
        margin = margins.get(variable)
        if not margin:
            raise RakingError(f"Populationen saknar fördelning för variabeln ”{variable}”.")
        for category, count in margin.items():
            if not math.isfinite(count) or count < 0:
                raise RakingError(f"Antalet för {variable} = {category} är inte ett tal som är noll eller större.")
        if sum(margin.values()) <= 0:
            raise RakingError(f"Fördelningen för variabeln ”{variable}” är tom (summan är noll).")
        checked[variable] = dict(margin)
    return checked


def _codes(values: Sequence[str], variable: str, categories: list[str]) -> np.ndarray:
    index = {category: i for i, category in enumerate(categories)}
    codes = np.empty(len(values), dtype=np.intp)
    for row, value in enumerate(values):
        code = index.get(value)
        if code is None:
            raise RakingError(
                f"Svar {row + 1}: kategorin ”{value}” för {variable} finns inte i populationens fördelning.", row=row)
        codes[row] = code
    return codes


def bounded_with_sum(weights: np.ndarray, low: float, high: float, total: float,
                     counts: np.ndarray | None = None) -> np.ndarray:
    """The weights scaled by one factor and clipped to [low, high] so that they sum to `total`
    (each weight counted `counts[i]` times, when given: one weight per cell of identical respondents).

    The sum of clip(c·w) grows with c, so the factor is found by bisection; it exists whenever
    low·n <= total <= high·n (with the mean weight 1 and low <= 1 <= high, always)."""
    if len(weights) == 0:
        return weights.copy()
    multiplicity = np.ones(len(weights)) if counts is None else counts

    def summed(values: np.ndarray) -> float:
        return float(np.dot(values, multiplicity))

    inside = float(weights.min()) >= low and float(weights.max()) <= high
    if inside and abs(summed(weights) - total) <= 1e-12 * total:
        return weights.copy()  # already within the bounds: nothing to trim
    positive = weights[weights > 0]
    if len(positive) == 0:
        return np.full(len(weights), total / summed(np.ones(len(weights))))
    lo_factor, hi_factor = low / float(positive.max()), high / float(positive.min())
    for _step in range(200):
        factor = math.sqrt(lo_factor * hi_factor)
        value = summed(np.clip(weights * factor, low, high))
        if abs(value - total) <= 1e-12 * total:
            break
        if value < total:
            lo_factor = factor
        else:
            hi_factor = factor
    return np.clip(weights * factor, low, high)


def rake(columns: Mapping[str, Sequence[str]], margins: Mapping[str, Mapping[str, float]], *,
         trim: tuple[float, float] | None = DEFAULT_TRIM, tolerance: float = DEFAULT_TOLERANCE,
         max_iterations: int = DEFAULT_MAX_ITERATIONS) -> RakingResult:
    """Weights for the respondents whose categories are `columns[variable][i]`, raked to `margins`
    (variable -> category -> population count). Raises RakingError for input that cannot be raked."""
    variables = list(columns)
    if not variables:
        raise RakingError("Ange minst en variabel att vikta efter.")
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1:
        raise RakingError("Variablerna har olika många svar.")
    n = lengths.pop()
    if n == 0:
        raise RakingError("Det finns inga svar att vikta.")
    if trim is not None and not (0 < trim[0] <= 1 <= trim[1]):
        raise RakingError("Gränserna för trimning måste uppfylla 0 < undre ≤ 1 ≤ övre.")
    checked = _validated_margins(margins, variables)
    codes, targets, empty, category_names = [], [], [], []
    for variable in variables:
        categories = list(checked[variable])
        code = _codes(columns[variable], variable, categories)
        present = np.bincount(code, minlength=len(categories)) > 0
        counts = np.array([checked[variable][c] for c in categories], dtype=float)
        empty += [(variable, c) for c, has, k in zip(categories, present, counts, strict=True) if not has and k > 0]
        counts[~present] = 0.0
        if counts.sum() <= 0:
            raise RakingError(f"Ingen av de svarande hör till en kategori av {variable} som finns i populationen.")
        codes.append(code)
        targets.append(counts / counts.sum() * n)
        category_names.append(categories)
    # Respondents with the same categories always get the same weight, so the rounds run on the distinct
    # cells, in sorted order, each counted as often as it occurs: the result cannot depend on the order of
    # the respondents (summing in another order would otherwise differ in the last bits, and a run that
    # does not converge would carry those bits into its weights), and large files rake faster.
    cells, inverse, counts_per_cell = np.unique(np.column_stack(codes), axis=0, return_inverse=True,
                                                return_counts=True)
    cell_codes = [cells[:, column] for column in range(len(codes))]
    cell_weights, iterations, deviation = _iterate(cell_codes, counts_per_cell.astype(float), targets, n, trim,
                                                   tolerance, max_iterations)
    weights = cell_weights[inverse.reshape(-1)]
    converged = deviation <= tolerance
    warnings = [f"Ingen svarande i kategorin {c} för {v}: kategorin kan inte viktas och har lämnats utanför."
                for v, c in empty]
    off_target: list[tuple[str, str, float, float]] = []
    if not converged:
        for variable, code, target, names in zip(variables, codes, targets, category_names, strict=True):
            shares = np.bincount(code, weights, len(target)) / n
            off_target += [(variable, names[i], float(shares[i]), float(target[i] / n)) for i in range(len(target))
                           if abs(shares[i] - target[i] / n) > OFF_TARGET]
        off_target.sort(key=lambda row: -abs(row[2] - row[3]))
        named = "; ".join(f"{v} = {c}: {_swedish(100 * share, 1)} % av de viktade svaren mot "
                          f"{_swedish(100 * target, 1)} % av populationen" for v, c, share, target in off_target[:3])
        warnings.append(
            f"Viktningen konvergerade inte efter {iterations} varv (största avvikelse {_swedish(100 * deviation, 2)} "
            "procentenheter): inom gränserna för trimning går det inte att nå populationens fördelning"
            + (f" ({named})." if named else "."))
    return RakingResult(
        weights=weights, iterations=iterations, converged=converged, max_deviation=deviation,
        design_effect=kish_design_effect(weights), effective_sample_size=effective_sample_size(weights),
        min_weight=float(weights.min()), max_weight=float(weights.max()), trim=trim,
        empty_categories=tuple(empty), warnings=tuple(warnings), off_target=tuple(off_target),
    )


def _swedish(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _deviation(weights: np.ndarray, counts: np.ndarray, codes: list[np.ndarray], targets: list[np.ndarray],
               n: int) -> float:
    mass = weights * counts
    return max(float(np.abs(np.bincount(code, mass, len(target)) - target).max()) / n
               for code, target in zip(codes, targets, strict=True))


def _iterate(codes: list[np.ndarray], counts: np.ndarray, targets: list[np.ndarray], n: int,
             trim: tuple[float, float] | None, tolerance: float, max_iterations: int
             ) -> tuple[np.ndarray, int, float]:
    """One weight per cell (`codes[v][c]` is cell c's category of variable v; `counts[c]` respondents)."""
    weights = np.ones(len(counts))
    deviation = _deviation(weights, counts, codes, targets, n)
    iterations = 0
    while deviation > tolerance and iterations < max_iterations:
        iterations += 1
        for code, target in zip(codes, targets, strict=True):
            current = np.bincount(code, weights * counts, len(target))
            factor = np.divide(target, current, out=np.zeros_like(target), where=current > 0)
            weights = weights * factor[code]
        if trim is not None:
            weights = bounded_with_sum(weights, trim[0], trim[1], float(n), counts)
        previous, deviation = deviation, _deviation(weights, counts, codes, targets, n)
        if trim is not None and previous - deviation < tolerance * 1e-3 and iterations > 50:
            break  # the bounds hold the margins where they are; more rounds change nothing
    weights *= n / float(np.dot(weights, counts))
    return weights, iterations, deviation


@dataclass(frozen=True)
class Share:
    """One category's share of the answers, with its 95 % confidence interval."""

    share: float
    low: float
    high: float
    answers: int  # respondents counted (unweighted)
    weighted: float  # the category's weighted count
    design_effect: float  # the variance against simple random sampling of the same size
    effective_n: float


def wilson_interval(share: float, n: float, z: float = Z_95) -> tuple[float, float]:
    if n <= 0:
        return 0.0, 1.0
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(max(share * (1 - share) / n + z * z / (4 * n * n), 0.0)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def share_from_sums(*, n: int, total: float, total_squares: float, count: int, weighted: float,
                    weighted_squares: float) -> Share:
    """The weighted share of a category from sums a database can give: n respondents with Σw = `total` and
    Σw² = `total_squares`; of them `count` in the category with Σw = `weighted` and Σw² = `weighted_squares`.

    Variance by linearisation, v = n/(n-1) Σ w²(y - p)² / (Σw)², where Σ w²(y - p)² is
    (1-p)² Σ_in w² + p² Σ_out w²; the effective number of answers is p(1-p)/v (Kish's when v is 0, as
    when everyone or nobody chose the category); the interval is Wilson's on that effective number."""
    if n == 0 or total <= 0:
        return Share(0.0, 0.0, 1.0, 0, 0.0, 1.0, 0.0)
    p = min(max(weighted / total, 0.0), 1.0)
    spread = (1 - p) ** 2 * weighted_squares + p * p * max(total_squares - weighted_squares, 0.0)
    variance = n / (n - 1) * spread / (total * total) if n > 1 else 0.0
    if variance > 0 and 0 < p < 1:
        effective_n = min(p * (1 - p) / variance, float(n) * 1e6)
    else:
        effective_n = total * total / total_squares if total_squares > 0 else 0.0
    low, high = wilson_interval(p, effective_n)
    design_effect = n / effective_n if effective_n > 0 else 1.0
    return Share(p, low, high, count, weighted, design_effect, effective_n)


def weighted_share(indicator: np.ndarray, weights: np.ndarray) -> Share:
    """The weighted share of respondents with `indicator` (0/1 per respondent) and its 95 % interval
    (see `share_from_sums`)."""
    chosen = indicator.astype(bool)
    squares = weights * weights
    return share_from_sums(n=len(weights), total=float(weights.sum()), total_squares=float(squares.sum()),
                           count=int(chosen.sum()), weighted=float(weights[chosen].sum()),
                           weighted_squares=float(squares[chosen].sum()))
