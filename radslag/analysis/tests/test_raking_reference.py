"""Our raking agrees with an independent implementation (ipfn) on the same data."""

import itertools
import random

import numpy as np
import pandas as pd
import pytest
from ipfn.ipfn import ipfn

from radslag.analysis.raking import rake


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_weights_agree_with_ipfn(seed):
    rng = random.Random(seed)
    ages, sexes, places = ["16-29", "30-64", "65+"], ["female", "male"], ["Nödinge", "Nol", "Älvängen"]
    cells = list(itertools.product(ages, sexes, places))
    rows = cells + [rng.choice(cells) for _ in range(300)]
    margins = {"age_band": {a: rng.randint(500, 4000) for a in ages}, "sex": {s: rng.randint(500, 4000) for s in sexes},
               "locality": {p: rng.randint(500, 4000) for p in places}}
    columns = {"age_band": [r[0] for r in rows], "sex": [r[1] for r in rows], "locality": [r[2] for r in rows]}
    ours = rake(columns, margins, trim=None)

    n = len(rows)
    frame = pd.DataFrame(columns)
    frame["total"] = 1.0
    aggregates, dimensions = [], []
    for variable, margin in margins.items():
        total = sum(margin.values())
        aggregates.append(pd.Series({c: k / total * n for c, k in margin.items()}, name="total")
                          .rename_axis(variable))
        dimensions.append([variable])
    theirs = ipfn(frame, aggregates, dimensions, weight_col="total", convergence_rate=1e-12,
                  max_iteration=5000).iteration()
    # ipfn returns one adjusted value per row; they are the raked weights.
    assert np.allclose(ours.weights, theirs["total"].to_numpy(), rtol=1e-6)
