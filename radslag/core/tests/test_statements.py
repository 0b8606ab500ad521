"""An id from a form or a link is a key a row can have, or names nothing."""

import pytest

from radslag.core import statements

LARGEST = statements.MAX_KEY


@pytest.mark.parametrize(("value", "key"), [
    ("12", 12), (12, 12), ("0", 0), ("-3", 0), ("12a", 0), ("²", 0), ("١٢", 0), ("", 0), (None, 0), (True, 0),
    (str(LARGEST), LARGEST), (str(LARGEST + 1), 0), ("9" * 40, 0),
])
def test_an_id_from_a_form_or_link_is_a_key_or_names_nothing(value, key):
    assert statements.parse_key(value) == key
