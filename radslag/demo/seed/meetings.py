"""When Ale's council and committees meet: the dates the officials' overview shows as coming."""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.context import DemoContext
from radslag.governance.models import BodyMeeting

# (body key, days from today, note): a committee meets about once a month, the council a little less often.
MEETINGS = (
    ("ks", -21, "Sammanträde i kommunhuset, Nödinge"),
    ("ks", 9, "Sammanträde i kommunhuset, Nödinge"),
    ("ks", 44, "Budgetberedning"),
    ("kf", 23, "Fullmäktige i Ale gymnasiums aula, öppet för allmänheten"),
    ("kf", 72, "Fullmäktige i Ale gymnasiums aula, öppet för allmänheten"),
    ("un", 14, "Sammanträde på Ale gymnasium"),
    ("un", 49, ""),
    ("kfn", 6, "Sammanträde på Ale kulturrum, Nödinge"),
    ("kfn", 41, ""),
    ("oan", 17, ""),
    ("sbn", 12, "Sammanträde, bland annat detaljplaner i Alafors"),
    ("sbn", 47, ""),
)


def load_meetings(context: DemoContext) -> None:
    BodyMeeting.objects.bulk_create(
        BodyMeeting(organisation=context.organisation, body=context.bodies[key],
                    date=context.today + dt.timedelta(days=days), note=note)
        for key, days, note in MEETINGS if key in context.bodies
    )
