"""When Ale's council and committees meet: the dates the officials' overview shows as coming, and the meetings
where the demo's decisions were taken.

A committee decides at its meetings and a decision basis is sent to one, so every date the demo gives a
decision or a basis is one of these meetings: the days named below are used both here and by the seed
modules that date those decisions and the basis. Meetings fall on working days (no weekend, no
holiday), whatever the day of loading.
"""

from __future__ import annotations

import datetime as dt

from radslag.demo.seed.context import DemoContext
from radslag.governance.models import BodyMeeting, Decision

# Meetings the story refers to, in days from today (moved back to a weekday by `meeting_day`).
KFN_COMMISSIONS_DIALOGUE = -70  # Kultur- och fritidsnämnden commissions the dialogue on meeting places
SBN_ANSWERS_PROPOSAL = -40  # Samhällsbyggnadsnämnden decides on the proposal about charging points
KFN_TAKES_INTERIM_REPORT = 10  # the decision basis (an interim report) is sent to this meeting
KFN_DECIDES_DIRECTION = 69  # within the current process's phase "Beslut i nämnden" (days 51–80)

# (body key, days from today, note): a committee meets about once a month, the council a little less often.
MEETINGS = (
    ("ks", -21, "Sammanträde i kommunhuset, Nödinge"),
    ("ks", 9, "Sammanträde i kommunhuset, Nödinge"),
    ("ks", 44, "Budgetberedning"),
    ("kf", 23, "Fullmäktige i Ale gymnasiums aula, öppet för allmänheten"),
    ("kf", 72, "Fullmäktige i Ale gymnasiums aula, öppet för allmänheten"),
    ("un", 14, "Sammanträde på Ale gymnasium"),
    ("un", 49, ""),
    ("kfn", KFN_COMMISSIONS_DIALOGUE, ""),
    ("kfn", KFN_TAKES_INTERIM_REPORT, "Sammanträde på Ale kulturrum, Nödinge"),
    ("kfn", 41, ""),
    ("kfn", KFN_DECIDES_DIRECTION, "Beslut om inriktningen för mötesplatser i Nödinge centrum"),
    ("oan", 17, ""),
    ("sbn", SBN_ANSWERS_PROPOSAL, ""),
    ("sbn", 12, "Sammanträde, bland annat detaljplaner i Alafors"),
    ("sbn", 47, ""),
)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_offset) // 433
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def days_off(year: int) -> set[dt.date]:
    """The weekdays a Swedish municipality's bodies do not meet: public holidays and the eves taken off."""
    easter = easter_sunday(year)
    midsummer_eve = next(dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4)
    fixed = ((1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31))
    return {dt.date(year, month, day) for month, day in fixed} | {
        easter - dt.timedelta(days=2), easter + dt.timedelta(days=1), easter + dt.timedelta(days=39), midsummer_eve}


def meeting_day(today: dt.date, days: int) -> dt.date:
    """The meeting `days` from today; one that would fall on a weekend or a holiday is held on the working day
    before."""
    day = today + dt.timedelta(days=days)
    while day.weekday() > 4 or day in days_off(day.year):
        day -= dt.timedelta(days=1)
    return day


def load_meetings(context: DemoContext) -> None:
    """The scheduled meetings, and the meeting of every decision made so far (the story's earlier years too).

    Loaded after the decisions, so that none is dated to a day its body did not meet."""
    planned = {(context.bodies[key].pk, meeting_day(context.today, days)): note
               for key, days, note in MEETINGS if key in context.bodies}
    for body, day in Decision.objects.filter(organisation=context.organisation).values_list("body", "decided_on"):
        planned.setdefault((body, day), "")
    BodyMeeting.objects.bulk_create(
        BodyMeeting(organisation=context.organisation, body_id=body, date=date, note=note)
        for (body, date), note in planned.items()
    )
