"""Two-dimensional opinion map: PCA by power iteration and Pol.is's sparsity-aware projection.

The principal components are found on the rating matrix of *every* participant (not only those who are
clustered), with each unanswered cell replaced by its statement's mean answer, centred by column means.
Each component comes from power iteration on the centred matrix (100 iterations at most, starting from a
vector of ones as Pol.is does without an earlier result), and is then factored out before the next one.
A component's sign is arbitrary; we turn each so that its loadings sum to a positive number, so on the map
right and up lean towards agreeing with more statements, and the map does not flip between recomputes.

A participant is projected using only the statements they answered: the sum of (vote - centre) x loading
over those statements, multiplied by sqrt(statements / answered), so people who answered few statements
are pushed out from the centre instead of all sitting on it.
"""

from __future__ import annotations

import numpy as np

N_COMPONENTS = 2
MAX_ITERATIONS = 100
TOLERANCE = 1e-9


def principal_components(centred: np.ndarray) -> np.ndarray:
    """The first two components (rows), each found by power iteration and then factored out.

    Iterating on the statements x statements matrix X'X is the same power iteration as Pol.is's
    row-by-row X'(Xv), only cheaper when there are more participants than statements.
    """
    n_columns = centred.shape[1]
    gram = (centred.T @ centred).astype(np.float64)
    components = np.zeros((N_COMPONENTS, n_columns))
    for c in range(min(N_COMPONENTS, *centred.shape)):
        vector = _power_iteration(gram, np.ones(n_columns) / np.sqrt(n_columns))
        components[c] = -vector if vector.sum() < 0 else vector
        if vector.any():
            gram = _factor_out(gram, vector)
    return components


def _factor_out(gram: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """X'X of the data once its component along ``vector`` is removed: (I - vv')X'X(I - vv')."""
    along = gram @ vector
    return gram - np.outer(along, vector) - np.outer(vector, along) + float(vector @ along) * np.outer(vector, vector)


def _power_iteration(gram: np.ndarray, start: np.ndarray) -> np.ndarray:
    vector, last_value = start, 0.0
    for _ in range(MAX_ITERATIONS):
        product = gram @ vector
        value = float(np.linalg.norm(product))
        if value == 0.0:
            return np.zeros_like(vector)
        vector = product / value
        if abs(value - last_value) <= TOLERANCE * value:
            break
        last_value = value
    return vector


def project(rating: np.ndarray) -> np.ndarray:
    """Sparsity-scaled 2-D position of every row of a rating matrix (NaN = not answered)."""
    seen = ~np.isnan(rating)
    answered = seen.sum(axis=0)
    means = np.divide(np.nansum(rating, axis=0), answered, out=np.zeros(rating.shape[1]), where=answered > 0)
    # Mean-imputed cells sit exactly on the centre; single precision halves the time of X'X.
    deviations = np.where(seen, rating - means, 0.0).astype(np.float32)
    components = principal_components(deviations)
    positions = deviations @ components.T.astype(np.float32)
    n_votes = np.maximum(seen.sum(axis=1), 1)
    return positions * np.sqrt(rating.shape[1] / n_votes)[:, None]
