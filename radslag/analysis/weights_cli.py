"""`radslag weights RESPONSES.csv --population MARGINS.csv --by VAR,VAR -o WEIGHTS.csv`: survey weights by raking.

RESPONSES.csv has one row per respondent: an id column (`--id-column`, default `id`) and one column per
variable named in `--by`. MARGINS.csv has the columns `variable,category,count`: the population's
count in each category of each variable. WEIGHTS.csv gets `id,weight`, the weights scaled to sum to the
number of respondents; `--report REPORT.json` gets the iterations, whether it converged, the design
effect, the effective sample size and the smallest and largest weight. `--trim LO,HI` bounds the
weights (default 0.2,5; `--trim none` for no bounds). Input that cannot be weighted (a category in
the responses that the margins lack, an empty margin, a count that is not a number) is refused with
exit status 2 and a message naming the file's row (the header is row 1); nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

from radslag.analysis.raking import DEFAULT_TRIM, RakingError, rake


class InputError(ValueError):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Weight survey respondents to population margins by raking."
    parser.add_argument("responses", help="CSV with one row per respondent")
    parser.add_argument("--population", required=True, help="CSV with columns variable,category,count")
    parser.add_argument("--by", required=True, help="the variables to weight by, comma-separated")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--trim", default=f"{DEFAULT_TRIM[0]:g},{DEFAULT_TRIM[1]:g}",
                        help="lowest and highest weight, as LO,HI (mean weight 1), or 'none'")
    parser.add_argument("--max-iterations", type=int, default=1000)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--report", help="write the iterations, convergence and design effect as JSON here")


def _refuse(message: str) -> int:
    print(f"radslag weights: {message}", file=sys.stderr)
    return 2


def _read(path: str) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"filen {path} kunde inte läsas ({error}).") from error


def _trim(text: str) -> tuple[float, float] | None:
    if text.strip().lower() in {"none", "ingen"}:
        return None
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError as error:
        raise InputError(f"--trim ska vara två tal, LO,HI (till exempel 0.2,5), inte ”{text}”.") from error
    return low, high


def read_margins(path: str, variables: list[str]) -> dict[str, dict[str, float]]:
    rows = _read(path)
    if rows and not {"variable", "category", "count"} <= set(rows[0]):
        raise InputError(f"{path} ska ha kolumnerna variable,category,count.")
    margins: dict[str, dict[str, float]] = {}
    for line, row in enumerate(rows, start=2):
        variable, category, text = row["variable"].strip(), row["category"].strip(), (row["count"] or "").strip()
        try:
            count = float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            raise InputError(f"{path} rad {line}: antalet ”{text}” är inte ett tal.") from None
        if not math.isfinite(count) or count < 0:
            raise InputError(f"{path} rad {line}: antalet ”{text}” måste vara noll eller större.")
        if category in margins.setdefault(variable, {}):
            raise InputError(f"{path} rad {line}: kategorin ”{category}” för {variable} står två gånger.")
        margins[variable][category] = count
    for variable in variables:
        if not margins.get(variable):
            raise InputError(f"{path}: variabeln ”{variable}” har inga rader (tom fördelning).")
        if sum(margins[variable].values()) <= 0:
            raise InputError(f"{path}: fördelningen för ”{variable}” är tom (alla antal är noll).")
    return margins


def read_responses(path: str, id_column: str, variables: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    rows = _read(path)
    if not rows:
        raise InputError(f"{path} har inga svar.")
    missing = [column for column in [id_column, *variables] if column not in rows[0]]
    if missing:
        raise InputError(f"{path} saknar kolumnen ”{missing[0]}”.")
    ids = [row[id_column] for row in rows]
    return ids, {variable: [(row[variable] or "").strip() for row in rows] for variable in variables}


def run(args: argparse.Namespace) -> int:
    variables = [name.strip() for name in args.by.split(",") if name.strip()]
    try:
        trim = _trim(args.trim)
        margins = read_margins(args.population, variables)
        ids, columns = read_responses(args.responses, args.id_column, variables)
        result = rake(columns, margins, trim=trim, max_iterations=args.max_iterations)
    except InputError as error:
        return _refuse(str(error))
    except RakingError as error:
        if error.row is not None:
            return _refuse(f"{args.responses} rad {error.row + 2}: {error}".replace(f"Svar {error.row + 1}: ", ""))
        return _refuse(str(error))
    with open(args.output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "weight"])
        writer.writerows((identifier, f"{weight:.12g}") for identifier, weight in zip(ids, result.weights, strict=True))
    if args.report:
        Path(args.report).write_text(json.dumps(result.report(), ensure_ascii=False, indent=2), encoding="utf-8")
    for warning in result.warnings:
        print(f"radslag weights: varning: {warning}", file=sys.stderr)
    print(f"{len(ids)} svar viktade: {result.iterations} varv, "
          f"{'konvergerade' if result.converged else 'konvergerade inte'}, designeffekt {result.design_effect:.3f}, "
          f"effektivt antal {result.effective_sample_size:.1f}, vikter {result.min_weight:.3f}–{result.max_weight:.3f}")
    return 0
