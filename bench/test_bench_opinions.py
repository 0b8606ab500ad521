"""The opinions benchmark's development and held-out halves stay what they were when the engine was tuned.

Not in the default test paths; run with `.venv/bin/python -m pytest bench/test_bench_opinions.py -q`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_opinions  # the benchmark is a script, not a package

SHARED = [
    "15-per-hour-seattle", "austria-climate.5twd2jsnkf.2022-08-08", "bg2050-volunteers", "brexit-consensus",
    "london.youth.policing", "scoop-hivemind.affordable-housing", "scoop-hivemind.freshwater", "scoop-hivemind.taxes",
    "scoop-hivemind.ubi", "ssis.land-bank-farmland.2rumnecbeh.2021-08-01", "vtaiwan.uberx",
]


def test_development_half_is_fixed_by_the_names_alone():
    assert bench_opinions.development_half(SHARED) == {
        "london.youth.policing", "scoop-hivemind.affordable-housing", "scoop-hivemind.freshwater",
        "scoop-hivemind.ubi", "ssis.land-bank-farmland.2rumnecbeh.2021-08-01",
    }
    assert bench_opinions.development_half(list(reversed(SHARED))) == bench_opinions.development_half(SHARED)
