"""The newsletters (månadsblad) of Ale i 360 grader in the public archive (our own words).

The process promised "a newsletter to everyone who registered"; two issues from the expedition group's
autumn are archived here as they were sent, and one to everyone who follows the whole municipality.
"""

from __future__ import annotations

from radslag.demo.seed.ale360 import KEY as ALE360
from radslag.demo.seed.context import DemoContext, local
from radslag.messaging.models import Newsletter, Topic

ISSUES = (
    (ALE360, local(2019, 10, 31, 16), "Månadsblad oktober: expeditionen har startat",
     "October newsletter: the expedition has set out",
     "## Trettio personer, fyra träffar\n\n"
     "Expeditionsgruppen är på plats: invånare, medarbetare och politiker som under vintern ska fördjupa "
     "temat **det mänskliga mötet**. Gruppen ses fyra gånger och närmar sig temat från fyra håll.\n\n"
     "## Första träffen: mötet i omsorgen\n\n"
     "Vi lyssnade på hemtjänstpersonal och anhöriga. Det som återkom:\n\n"
     "- att få träffa samma personer, så att man slipper berätta allt från början\n"
     "- att bli tillfrågad, inte bara informerad\n"
     "- att veta vem man ringer när något inte blir som det var sagt\n\n"
     "Nästa träff handlar om skolan. Vill du läsa mer om hur allt började finns "
     "[dialogens sida](/dialoger/ale-i-360-grader/).",
     "## Thirty people, four meetings\n\n"
     "The expedition group has formed: residents, staff and politicians who will explore **the human "
     "encounter** this winter, from four directions in four meetings.\n\n"
     "## First meeting: care\n\n"
     "We listened to home-care staff and relatives. What came back again and again:\n\n"
     "- meeting the same people, so you need not tell everything from the start\n"
     "- being asked, not only informed\n"
     "- knowing whom to call when something does not happen as agreed\n\n"
     "The next meeting is about school. Read more on [the dialogue's page](/dialoger/ale-i-360-grader/)."),
    (ALE360, local(2019, 11, 29, 16), "Månadsblad november: mötet i skolan",
     "November newsletter: meeting at school",
     "## När blev du sedd?\n\n"
     "Elever och föräldrar berättade om stunder när de känt sig sedda i skolan, och om när de inte gjort det. "
     "Sedan bytte vi roller: en förälder fick vara rektor och en elev fick svara på föräldrarnas frågor.\n\n"
     "## Det tar vi med oss\n\n"
     "1. Ett snabbt svar betyder mer än ett perfekt svar som dröjer.\n"
     "2. Den som frågar vill veta vad som händer sedan, även när svaret är nej.\n\n"
     "I januari handlar träffen om hur det är att ringa, mejla och besöka kommunen.",
     ""),
    (None, local(2020, 6, 16, 10), "Så gick det med Ale i 360 grader",
     "How Ale i 360 grader ended",
     "Tack till alla som berättade, röstade och samtalade i **Ale i 360 grader**. Kommunstyrelsen har tagit "
     "emot expeditionsgruppens slutsatser, och flera av dem genomförs redan:\n\n"
     "- kontaktcenter inför svarstider\n"
     "- fler brev och beslut skrivs på enkel svenska\n"
     "- ungdomsråden tillfrågas tidigare\n\n"
     "Läs hela berättelsen på [dialogens sida](/dialoger/ale-i-360-grader/).",
     "Thank you to everyone who told their story, voted and talked in **Ale i 360 grader**. The municipal "
     "executive board has received the expedition group's conclusions, and several are already under way:\n\n"
     "- the contact centre now says when you will get an answer\n"
     "- more letters and decisions are written in plain Swedish\n"
     "- youth councils are asked earlier\n\n"
     "Read the whole story on [the dialogue's page](/dialoger/ale-i-360-grader/)."),
)


def load_newsletters(context: DemoContext) -> None:
    for process_key, sent_at, title, title_en, body, body_en in ISSUES:
        process = context.processes[process_key] if process_key else None
        Newsletter.objects.create(
            organisation=context.organisation, topic=Topic.PROCESS if process else Topic.ORGANISATION,
            topic_id=process.pk if process else None, title=title, title_en=title_en if body_en else "",
            body=body, body_en=body_en, sent_at=sent_at, created_by=context.users.get("staff"),
        )
