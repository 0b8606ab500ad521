"""A person's data export is written as JSON whatever a kind's export holds."""

import datetime as dt
import json
from decimal import Decimal

from django.utils.translation import gettext_lazy

from radslag.audit.personal_data import json_ready


def test_times_dates_decimals_and_labels_become_text_a_json_writer_accepts() -> None:
    winter = dt.datetime(2026, 12, 5, 18, 30, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 6, 30, 17, 30, tzinfo=dt.UTC)
    value = {"rows": [{"at": winter, "on": dt.date(2026, 6, 30), "share": Decimal("0.25"),
                       "label": gettext_lazy("Proposals"), "when": (summer,)}], 3: None}

    ready = json_ready(value)

    json.dumps(ready)  # would raise on anything left unwritable
    row = ready["rows"][0]
    assert row["at"] == "2026-12-05T19:30:00+01:00"  # the municipality's time, with its offset
    assert row["when"] == ["2026-06-30T19:30:00+02:00"]
    assert row["on"] == "2026-06-30" and row["share"] == "0.25" and isinstance(row["label"], str)
    assert ready["3"] is None
