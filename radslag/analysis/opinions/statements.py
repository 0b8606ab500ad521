"""Representative statements per group and consensus statements, from Pol.is's repness.clj.

Per group and statement: p(agree) and p(disagree) with a +1/+2 prior, a one-proportion z-test against
1/2 and a two-proportion z-test against everyone outside the group; a statement represents a group when
both pass at 90 % (z > 1.2816), ranked by (p / p_rest) x z_rest x p x z. Consensus: statements that every
group agrees with (or rejects) by at least 60 %; group-informed consensus is the product of the groups'
smoothed probabilities. Statements the moderator hid never appear here.
"""

from __future__ import annotations

import numpy as np

from radslag.analysis.opinions.results import ConsensusStatement, RepresentativeStatement

Z_90 = 1.2816


def prop_test(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    return 2 * np.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def two_prop_test(s1: np.ndarray, n1: np.ndarray, s2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    s1, n1, s2, n2 = s1 + 1, n1 + 1, s2 + 1, n2 + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    denominator = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return np.divide(p1 - p2, denominator, out=np.zeros_like(p1), where=denominator > 0)


def _counts(block: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agrees, disagrees and seen per statement in a block of rows."""
    return (block == 1).sum(axis=0), (block == -1).sum(axis=0), (~np.isnan(block)).sum(axis=0)


def representative(matrix: np.ndarray, labels: np.ndarray, group: int, statements: list[str],
                   limit: int = 5) -> list[RepresentativeStatement]:
    inside, outside = matrix[labels == group], matrix[labels != group]
    na, nd, ns = (x.astype(float) for x in _counts(inside))
    ra_, rd_, rs_ = (x.astype(float) for x in _counts(outside))
    candidates: list[RepresentativeStatement] = []
    for direction, s_in, s_out in (("agree", na, ra_), ("disagree", nd, rd_)):
        p_in, p_out = (s_in + 1) / (ns + 2), (s_out + 1) / (rs_ + 2)
        z_in, z_rest = prop_test(s_in, ns), two_prop_test(s_in, ns, s_out, rs_)
        metric = (p_in / p_out) * z_rest * p_in * z_in
        for i in np.flatnonzero((z_in > Z_90) & (z_rest > Z_90)):
            candidates.append(RepresentativeStatement(
                statements[i], direction, float(p_in[i]), float(p_out[i]), float(z_in[i]), float(z_rest[i]),
                float(metric[i]),
            ))
    candidates.sort(key=lambda r: (-r.metric, r.statement_id))
    return candidates[:limit]


def consensus(matrix: np.ndarray, labels: np.ndarray, statements: list[str], *, threshold: float = 0.6,
              limit: int = 10) -> list[ConsensusStatement]:
    groups = sorted(set(labels.tolist()))
    na, nd, ns = (x.astype(float) for x in _counts(matrix))
    found: list[ConsensusStatement] = []
    for direction, overall in (("agree", na), ("disagree", nd)):
        per_group = []
        for g in groups:
            ga, gd, gs = (x.astype(float) for x in _counts(matrix[labels == g]))
            per_group.append(((ga if direction == "agree" else gd) + 1) / (gs + 2))
        stacked = np.vstack(per_group) if per_group else np.zeros((1, len(statements)))
        informed = np.prod(stacked, axis=0)
        for i in np.flatnonzero(stacked.min(axis=0) >= threshold):
            found.append(ConsensusStatement(statements[i], direction, float(informed[i]),
                                            float((overall[i] + 1) / (ns[i] + 2))))
    found.sort(key=lambda c: (-c.group_informed, c.statement_id))
    return found[:limit]


