"""Ballots of the demo: the 6 March 2019 prioritisation of Ale i 360 grader, and an open vote today.

Every ballot goes through the voting services, so the demo's results are counted exactly as live ones.
"""

from __future__ import annotations

import random
from collections import Counter

from radslag.core.models import AgeBand
from radslag.demo.seed.context import DemoContext, local
from radslag.voting.codes import derive_code
from radslag.voting.models import Ballot, Method, ResultsVisibility
from radslag.voting.services import (
    VoterProfile,
    cast_ballot,
    close_ballot,
    enter_paper_ballot,
    generate_codes,
    publish_results,
    save_ballot,
    save_option,
)

# The 13 theme areas of the perspective compilation, in its order (number 9 is the human encounter),
# with how strongly the meeting leaned to each: the weights make school and the encounter come out on top.
THEMES_2019 = (
    ("Trygghet i vardagen", "Att känna sig trygg ute på kvällen, i skolan och på väg hem.", 4),
    ("Naturen nära", "Skogen, älven och sjöarna som en del av livet, nära till hands för alla.", 3),
    ("En bra skola ger en bra framtid", "Lärare som ser varje barn, och en skola som öppnar dörrar.", 10),
    ("Att ta sig fram", "Pendeltåg, bussar, cykelvägar och vägar som binder ihop orterna.", 4),
    ("Kultur och fritid för alla åldrar", "Platser och föreningar där man kan göra saker tillsammans.", 3),
    ("Arbete och företagande", "Jobb nära hemmet och goda villkor för den som vill starta något.", 2),
    ("Bostäder för livets olika skeden", "Att kunna bo kvar i Ale som ung, som familj och som äldre.", 3),
    ("Omsorg med värdighet", "Vård och omsorg där människan står i centrum.", 3),
    ("Det mänskliga mötet", "Att bli bemött med respekt, lyssnad på och tagen på allvar – också av kommunen.", 8),
    ("Levande orter", "Centrum med liv, service och mötesplatser i varje ort, inte bara i de största.", 2),
    ("Hälsa och välmående", "Rörelse, gemenskap och stöd i tid när livet blir tungt.", 2),
    ("Ungas framtid", "Unga som får vara med och bestämma och ser en framtid i Ale.", 3),
    ("Miljö och klimat", "Att lämna en kommun i gott skick till dem som kommer efter oss.", 2),
)
CODE_VOTERS_2019, PAPER_VOTERS_2019, CODES_2019 = 48, 79, 60
PAPER_TABLES = ("Aulan, rad 1–5", "Aulan, rad 6–10", "Entrén")
MEETING_PLACES = (
    ("Ett allaktivitetshus i centrum", "Ett hus med kafé, föreningslokaler och öppen verksamhet för alla åldrar."),
    ("Kvällsöppet bibliotek", "Biblioteket öppet till klockan 21 på vardagar, med läxhjälp och språkcafé."),
    ("Utegym och grillplats vid älven", "En plats att träffas utomhus, tillgänglig för rullstol och barnvagn."),
    ("Mötesplats för äldre", "En lokal med program på dagtid och hjälp med digitala tjänster."),
    ("Ungdomscafé med fritidsledare", "En öppen plats för unga efter skolan och på helgkvällar."),
)


def load_voting(context: DemoContext) -> None:
    _load_prioritisation_2019(context)
    _load_current_ballot(context)


def _dots(rng: random.Random, keys: list[str], weights: list[int], dots: int = 5, cap: int = 3) -> dict[str, int]:
    while True:
        allocation = Counter(rng.choices(keys, weights=weights, k=dots))
        if max(allocation.values()) <= cap:
            return dict(allocation)


def _profile(context: DemoContext, rng: random.Random) -> VoterProfile:
    localities = list(context.localities.values())
    bands = [band for band, _label in AgeBand.choices if band != AgeBand.UNDER_16]
    return VoterProfile(locality=rng.choice(localities) if rng.random() < 0.85 else None,
                        age_band=rng.choice(bands) if rng.random() < 0.8 else "")


def _load_prioritisation_2019(context: DemoContext) -> Ballot:
    staff, process = context.users["staff"], context.processes["ale360"]
    opens, closes = local(2019, 3, 6, 18, 30), local(2019, 3, 6, 20, 15)
    ballot = save_ballot(process=process, user=staff, values={
        "title": "Prioritering av de 13 temaområdena",
        "question": "Vilka temaområden är viktigast för ett gott liv i Ale? Du har fem prickar och kan ge "
        "högst tre till samma tema.",
        "activity": context.activities[("ale360", "prioritering")], "method": Method.DOT, "dots_per_voter": 5,
        "cap_per_option": 3, "collect_profile": True, "opens_at": opens, "closes_at": None,
        "results_visibility": ResultsVisibility.AFTER_CLOSE,
    })
    options = [save_option(ballot=ballot, user=staff, title=title, description=text)
               for title, text, _weight in THEMES_2019]
    keys, weights = [o.key for o in options], [weight for _t, _d, weight in THEMES_2019]
    batch = generate_codes(ballot=ballot, user=staff, count=CODES_2019, label="Prioriteringsmötet 6 mars 2019")
    rng = random.Random(20190306)  # noqa: S311  (repeatable demo data, not security)
    for number in range(1, CODE_VOTERS_2019 + 1):
        cast_ballot(ballot=ballot, code=derive_code(batch.salt, number), choices=_dots(rng, keys, weights),
                    idempotency_key=f"demo-2019-code-{number:04}", profile=_profile(context, rng),
                    at=local(2019, 3, 6, 18, 40))
    for number in range(1, PAPER_VOTERS_2019 + 1):
        enter_paper_ballot(ballot=ballot, batch_label=PAPER_TABLES[number % len(PAPER_TABLES)],
                           choices=_dots(rng, keys, weights), idempotency_key=f"demo-2019-paper-{number:04}",
                           entered_by=staff, profile=_profile(context, rng))
    close_ballot(ballot=ballot, user=staff, at=closes)
    publish_results(ballot=ballot, user=staff, at=local(2019, 3, 7, 9))
    return ballot


def _load_current_ballot(context: DemoContext) -> Ballot:
    staff, process = context.users["staff"], context.processes["motesplatser"]
    ballot = save_ballot(process=process, user=staff, values={
        "title": "Vilka mötesplatser ska vi satsa på först?",
        "question": "Fördela dina fem prickar på de förslag du tycker är viktigast. Högst tre på samma förslag.",
        "activity": context.activities[("motesplatser", "popup")], "method": Method.DOT,
        "dots_per_voter": 5, "cap_per_option": 3, "opens_at": context.days_from_today(-10, 8),
        "closes_at": context.days_from_today(30, 23, 59), "results_visibility": ResultsVisibility.LIVE,
    })
    options = [save_option(ballot=ballot, user=staff, title=title, description=text)
               for title, text in MEETING_PLACES]
    batch = generate_codes(ballot=ballot, user=staff, count=120, label="Pop-up i biblioteket")
    rng = random.Random(2026)  # noqa: S311  (repeatable demo data, not security)
    keys = [option.key for option in options]
    for number in range(1, 15):
        cast_ballot(ballot=ballot, code=derive_code(batch.salt, number), choices=_dots(rng, keys, [5, 4, 3, 2, 4]),
                    idempotency_key=f"demo-now-code-{number:04}", at=context.days_from_today(-9, 16))
    return ballot
