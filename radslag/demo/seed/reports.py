"""A published perspective compilation for Ale i 360 grader (our own words). Runs after the themes seed.

The compilation gathers everything the dialogue received, from the interviews of 2018 to the expedition
group's last meeting in February 2020, so it was published in the spring of 2020: before the board's
decision of 9 June 2020 that rests on it, not on the day the demo is loaded.
"""

from __future__ import annotations

from radslag.demo.seed.context import DemoContext, local
from radslag.reports.models import Compilation, CompilationVersion
from radslag.reports.services import compilation_for, publish_compilation, save_compilation_texts

WRITTEN, PUBLISHED = local(2020, 5, 11, 14), local(2020, 5, 14, 10)

INTRODUCTION = (
    "Ale i 360 grader började 2018, när elva samtalsledare samtalade med drygt 200 personer som bor eller "
    "verkar i Ale. Frågan var enkel: vad är viktigt för ett gott liv här? Berättelserna blev 13 temaområden, "
    "invånarna prioriterade dem den 6 mars 2019 och fullmäktige valde det mänskliga mötet för en fördjupad "
    "dialog.\n\n"
    "Den här sammanställningen samlar allt som kom in under dialogen: intervjuerna, lapparna från "
    "prioriteringsmötet och dialogkvällen, bordsvärdarnas och expeditionsgruppens anteckningar, brev och "
    "inspel på webben. Inspelen är ordnade i teman, och under varje tema finns citat med deltagarnas egna ord. "
    "Ingen enskild person ska kunna kännas igen: grupper med färre än fem personer redovisas inte."
)
CLOSING = (
    "Sammanställningen lämnas till kommunstyrelsen tillsammans med expeditionsgruppens slutsatser. "
    "Kommunstyrelsen tar upp redovisningen av Ale i 360 grader på sitt sammanträde i juni 2020. Därefter "
    "berättar vi på dialogens sida vad som händer med varje tema.\n\n"
    "Vill du ha sammanställningen i ett annat format, kontakta kommunens kontaktcenter."
)


def load_reports(context: DemoContext) -> CompilationVersion:
    """Writes the compilation's texts and publishes version 1 as the dialogue team, on the story's dates."""
    staff = context.users["staff"]
    compilation = compilation_for(context.processes["ale360"])
    save_compilation_texts(compilation=compilation, actor=staff, introduction=INTRODUCTION, closing=CLOSING)
    Compilation.objects.filter(pk=compilation.pk).update(created_at=WRITTEN, updated_at=WRITTEN)
    return publish_compilation(compilation=compilation, actor=staff, now=PUBLISHED)
