"""Whether a person's name may be shown publicly: only with their own consent, and never a minor's.

The one rule for every page, file, feed and API that could name a member of a working group or a council.
The apps record what they know about a member (consent; under 18; a birth year where they keep one) and ask
here, so that the rule has one definition. It lives beside the registry of personal data (`personal_data`)
because it is a rule about personal data, and in this low layer so that every app can ask it.
"""

from __future__ import annotations

import datetime as dt

ADULT_AGE = 18


def is_minor(*, under_18: bool, birth_year: int | None = None, on: dt.date) -> bool:
    """Under 18, or possibly so: a birth year alone counts as a minor until the 18th birthday has surely
    passed, that is through the whole year the person turns 18."""
    return under_18 or (birth_year is not None and on.year - birth_year <= ADULT_AGE)


def may_publish_name(*, consent: bool, minor: bool) -> bool:
    """A name is published only with the person's consent, and a minor's never, even with consent."""
    return consent and not minor
