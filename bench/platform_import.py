"""Times a bulk import of typed-in contributions, end to end: CSV bytes -> checked rows -> stored rows.

Django must be set up before this module is imported.
"""

from __future__ import annotations

import csv
import io
import random
import time
from dataclasses import dataclass

from platform_seed import Scenario

from radslag.contributions.models import Contribution

CHANNEL_WORDS = ["lapp", "bordsanteckning", "intervju", "brev", "enkät", "webb"]
AGE_BANDS = ["", "16-19", "20-29", "30-44", "45-64", "65-79", "80+"]
SEX_WORDS = ["", "kvinna", "man", "annat"]


@dataclass(frozen=True)
class ImportTiming:
    rows: int
    megabytes: float
    parse_s: float
    write_s: float

    @property
    def total_s(self) -> float:
        return self.parse_s + self.write_s


def import_csv(scenario: Scenario, rows: int, *, seed: int = 11) -> bytes:
    """A semicolon-separated UTF-8 file as Excel writes it in Sweden, with every optional column used."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["text", "kanal", "ålder", "kön", "ort", "fokusområde", "id"])
    for number in range(1, rows + 1):
        areas = rng.sample(scenario.focus_areas, rng.choice((0, 1, 2)))
        writer.writerow([
            " ".join(rng.sample(scenario.sentences, rng.randint(1, 3))),
            rng.choice(CHANNEL_WORDS), rng.choice(AGE_BANDS), rng.choice(SEX_WORDS),
            rng.choice([*(locality.name for locality in scenario.localities), ""]),
            ";".join(area.slug for area in areas), f"lapp-{number}",
        ])
    return buffer.getvalue().encode("utf-8")


def time_import(scenario: Scenario, rows: int) -> ImportTiming | str:
    """Parses, checks and stores `rows` rows with the contributions import; a string says why it could not."""
    try:
        from radslag.contributions.imports import import_contributions, parse_import
    except ImportError as error:
        return f"the import module is not there yet ({error})"
    data = import_csv(scenario, rows)
    before = Contribution.objects.filter(process=scenario.process).count()
    started = time.perf_counter()
    parsed = parse_import(data, process=scenario.process)
    parsed_at = time.perf_counter()
    if not parsed.is_valid:
        return f"the file was refused: {'; '.join(str(error) for error in parsed.errors[:3])}"
    import_contributions(process=scenario.process, rows=parsed.rows, actor=scenario.staff, filename="bench.csv")
    finished = time.perf_counter()
    stored = Contribution.objects.filter(process=scenario.process).count() - before
    if stored != rows:
        return f"{stored} of {rows} rows were stored"
    return ImportTiming(rows, len(data) / 1024 / 1024, parsed_at - started, finished - parsed_at)
