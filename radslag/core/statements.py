"""Statements for the few look-ups that run on every request, written out once from model metadata.

The ORM compiles a queryset's SQL anew each time it runs. For a look-up that runs on every request
(the session, the person's roles, the proposal a support names) compiling cost more processor time
than the database spent answering: about 0.7 ms for a plain `get(pk=...)` and 1.2 ms for a proposal
with its rules, against well under 0.1 ms to run the written-out statement. These helpers give the
quoted column list of a model, in the order `load` expects, and build the instance from a row the way
the ORM does (`Model.from_db`, so deferred fields, `_state` and the database alias are right).

Only plain equality look-ups belong here; anything with joins to follow, ordering by the user's choice
or a variable number of parameters stays with the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)

# The largest key a row can have (a 64-bit signed id): a larger number from a link or form names
# nothing, and must not reach the database, which refuses to compare it (PostgreSQL) or cannot
# (SQLite).
MAX_KEY = 2**63 - 1


def parse_key(value: object) -> int:
    """The id a form field or link names, or 0 (no row has it) for anything else: text, a sign, digits
    from another script, a number beyond MAX_KEY."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        return 0
    number = int(text)
    return number if number <= MAX_KEY else 0


def table(model: type[Model]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def column(model: type[Model], field_name: str) -> str:
    return str(connection.ops.quote_name(str(model._meta.get_field(field_name).column)))  # type: ignore[union-attr]


def columns(model: type[Model], alias: str = "") -> str:
    """Every concrete column of `model`, quoted, in `load`'s order; `alias` qualifies them (a join)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{connection.ops.quote_name(str(field.column))}" for field in model._meta.concrete_fields)


def width(model: type[Model]) -> int:
    """How many values of a row `columns(model)` selects."""
    return len(model._meta.concrete_fields)


def fetch_row(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """The first row the statement gives, or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else tuple(row)


def load(model: type[M], row: Sequence[Any], offset: int = 0) -> M:
    """The instance whose columns start at `offset` in `row`, converted as the ORM converts them."""
    names, converters = _shape(model, connection.vendor)
    values = list(row[offset:offset + len(names)])
    for position, expression, expression_converters in converters:
        for converter in expression_converters:
            values[position] = converter(values[position], expression, connection)
    return model.from_db(connection.alias, names, values)


_SHAPES: dict[tuple[type[Model], str], tuple[list[str], list[tuple[int, Any, list[Any]]]]] = {}


def _shape(model: type[Model], vendor: str) -> tuple[list[str], list[tuple[int, Any, list[Any]]]]:
    """The attribute names, and for each column that needs them the backend's and the field's converters
    (SQLite's datetimes and decimals, JSON, UUIDs), worked out once per model and database kind."""
    key = (model, vendor)
    if key not in _SHAPES:
        fields = model._meta.concrete_fields
        converters = []
        for position, field in enumerate(fields):
            column = field.cached_col  # what the converters are handed, as the ORM's compiler does
            found = [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
            if found:
                converters.append((position, column, found))
        _SHAPES[key] = ([field.attname for field in fields], converters)
    return _SHAPES[key]
