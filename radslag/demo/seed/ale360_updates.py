"""The "what has happened" entries of Ale i 360 grader, including the monthly newsletters (our own words)."""

from __future__ import annotations

import datetime as dt

# (published on, phase number, title, text, decision key or "")
UPDATES: tuple[tuple[dt.date, int, str, str, str], ...] = (
    (dt.date(2018, 3, 1), 1, "Nu börjar samtalen",
     "Elva samtalsledare har gått en utbildning i att lyssna och ställa öppna frågor. Under året kommer de "
     "att träffa invånare i alla orter och fråga vad som betyder något för ett gott liv i Ale. Vill du bli "
     "intervjuad? Hör av dig till kontaktcenter.", "ale360_commission"),
    (dt.date(2018, 12, 3), 1, "Över 200 berättelser insamlade",
     "Intervjuerna är klara. Samtalsledarna har mött 214 personer i olika åldrar och i alla delar av "
     "kommunen. Nu läser vi berättelserna och letar efter det som återkommer.", ""),
    (dt.date(2019, 2, 15), 2, "Perspektivsammanställningen är klar",
     "Berättelserna har blivit 13 temaområden, till exempel skolan, tryggheten, naturen, pendlingen och "
     "det mänskliga mötet. Sammanställningen finns att läsa på biblioteken och i kommunhuset. Den 6 mars "
     "får du vara med och prioritera.", ""),
    (dt.date(2019, 3, 7), 3, "Skolan och det mänskliga mötet fick flest röster",
     "126 personer kom till prioriteringsmötet på Ale gymnasium. Flest röster fick temat om att en bra skola "
     "ger en bra framtid, tätt följt av det mänskliga mötet. Resultatet lämnas till kommunfullmäktige som "
     "vägledning inför valet av tema.", ""),
    (dt.date(2019, 4, 10), 3, "Prioriteringen är överlämnad till fullmäktige",
     "Kommunstyrelsen har skickat vidare resultatet från prioriteringsmötet till kommunfullmäktige. Alla 13 "
     "temaområden följer med, i den ordning ni röstade fram dem. Fullmäktige väljer tema i juni.",
     "ale360_guidance"),
    (dt.date(2019, 6, 18), 4, "Fullmäktige valde det mänskliga mötet",
     "Kommunfullmäktige beslutade den 17 juni 2019 att den första fördjupade dialogen ska handla om "
     "temaområde 9, det mänskliga mötet. Skolfrågorna lämnas samtidigt till utbildningsnämnden som "
     "underlag i dess arbete.", "ale360_theme"),
    (dt.date(2019, 8, 26), 5, "Välkommen till dialogkväll den 19 september",
     "Hur vill du bli mött när du har kontakt med kommunen? Kom till Ale gymnasium klockan 18 och samtala "
     "med andra invånare, medarbetare och politiker. Vi bjuder på fika. Ingen anmälan behövs.", ""),
    (dt.date(2019, 9, 24), 5, "Över hundra personer samtalade om mötet",
     "108 personer satt vid tolv bord på dialogkvällen. Bordsvärdarna antecknade samtalen och alla skrev "
     "egna lappar. Det som sades oftast var att man vill bli lyssnad på, få svar när man hör av sig och "
     "slippa bli skickad runt. Hann du inte säga allt, eller var du inte där? Skriv dina tankar här på "
     "sidan till och med den 30 september. Sedan tar expeditionsgruppen vid.", ""),
    (dt.date(2019, 10, 31), 6, "Månadsblad oktober: expeditionen har startat",
     "Ett trettiotal invånare, medarbetare och politiker har bildat expeditionsgruppen. På första träffen "
     "utforskade vi mötet i omsorgen, med berättelser från både hemtjänstpersonal och anhöriga.", ""),
    (dt.date(2019, 11, 29), 6, "Månadsblad november: mötet i skolan",
     "Andra träffen handlade om skolan. Elever och föräldrar berättade om när de känt sig sedda och när de "
     "inte gjort det. Gruppen testade en metod där man byter roller med varandra.", ""),
    (dt.date(2020, 1, 31), 6, "Månadsblad januari: att nå kommunen",
     "Tredje träffen ägnades åt hur det är att ringa, mejla och besöka kommunen. Gruppen föreslår tydligare "
     "besked om när man får svar och att fler brev skrivs på enkel svenska.", ""),
    (dt.date(2020, 2, 28), 6, "Månadsblad februari: de ungas möten",
     "Den fjärde och sista träffen leddes delvis av ungdomar från fritidsgårdarna. De bad vuxna att fråga "
     "dem tidigare och att faktiskt återkomma med vad som hände.", ""),
    (dt.date(2020, 6, 15), 7, "Expeditionen avslutas – metoderna stannar kvar",
     "Den 9 juni tog kommunstyrelsen emot expeditionsgruppens slutsatser. Detta hände med det ni sa:\n\n"
     "- Kontaktcenter inför svarstider, så att den som hör av sig får veta när svaret kommer.\n"
     "- Brev och beslut ska skrivas på enkel svenska, och fler medarbetare utbildas i klarspråk.\n"
     "- Ungdomsråden tillfrågas tidigare när beslut rör unga, och får veta vad som hände.\n"
     "- Skolfrågorna från prioriteringen finns med i utbildningsnämndens arbete.\n\n"
     "Detta är sista månadsbladet om Ale i 360 grader. Samtalsledarna, dialogkvällarna med bordsvärdar och "
     "expeditionsgruppen finns nu i kommunens verktygslåda för kommande dialoger. Tack till alla som delat "
     "med sig.", "ale360_result"),
)
