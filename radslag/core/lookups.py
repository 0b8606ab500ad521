"""`__in` on integer columns drops values no such column can hold, as Django's own `exact`, `lt` and `gt` do.

A form's multiple choice of rows (focus areas, localities, themes) asks `pk__in=[…]` with the ids it was
sent. Django turns an id beyond the column's range into "no row" for `exact` and the comparisons, but passes
it on in `in`, where SQLite's driver cannot bind it (OverflowError: a server error for a crafted form).
Here such values are left out of the list, so they match nothing, as they could not anyway; a list left
empty matches no row. Registered for every integer field, primary keys included, when the core app is
ready; a foreign key's own `__in` (`person__in=[…]`) is Django's related look-up and is not covered.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [value for value in self.rhs if not isinstance(value, int) or (
                (low is None or value >= low) and (high is None or value <= high))]
        return super().process_rhs(compiler, connection)
