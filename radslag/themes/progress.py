"""A run's progress as the page shows it: a percentage and the step, written as the work goes."""

from __future__ import annotations

import time

from radslag.analysis.embeddings import ProgressCallback
from radslag.themes.models import AnalysisRun

# Write at most this often, so that a fast engine does not spend its time updating one row.
MIN_INTERVAL_SECONDS = 0.5


class RunProgress:
    """Maps each step's own 0..1 progress onto a span of the run's 0..100; never goes backwards."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.percent = 0
        self.stage = ""
        self._written_at = 0.0

    def report(self, percent: int, stage: str) -> None:
        percent = max(self.percent, min(99, int(percent)))
        now = time.monotonic()
        changed_stage = stage != self.stage
        if percent == self.percent and not changed_stage:
            return
        self.percent, self.stage = percent, stage
        if changed_stage or now - self._written_at >= MIN_INTERVAL_SECONDS:
            self._written_at = now
            AnalysisRun.objects.filter(pk=self.run_id).update(progress=percent, stage=stage[:200])

    def span(self, start: int, end: int, stage: str) -> ProgressCallback:
        """A callback for the engine: its fraction in [0, 1] lands between `start` and `end`."""

        def callback(fraction: float, _detail: str) -> None:
            self.report(start + round((end - start) * max(0.0, min(1.0, fraction))), stage)

        self.report(start, stage)
        return callback
