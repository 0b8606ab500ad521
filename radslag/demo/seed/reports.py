"""A published perspective compilation for Ale i 360 grader (our own words). Runs after the themes seed."""

from __future__ import annotations

from radslag.demo.seed.context import DemoContext
from radslag.reports.models import CompilationVersion
from radslag.reports.services import compilation_for, publish_compilation, save_compilation_texts

INTRODUCTION = (
    "Under 2018 samtalade elva samtalsledare med drygt 200 personer som bor eller verkar i Ale. Frågan var "
    "enkel: vad är viktigt för ett gott liv här?\n\n"
    "Den här sammanställningen samlar vad de berättade. Berättelserna är ordnade i teman, och under varje "
    "tema finns citat med deltagarnas egna ord. Ingen enskild person ska kunna kännas igen: grupper med "
    "färre än fem personer redovisas inte."
)
CLOSING = (
    "Sammanställningen låg till grund för prioriteringsmötet den 6 mars 2019, där alla som kom fick rösta "
    "på vilka teman som är viktigast. Resultatet lämnades till kommunfullmäktige, som den 17 juni 2019 valde "
    "temat om det mänskliga mötet för den första fördjupade dialogen.\n\n"
    "Vill du ha sammanställningen i ett annat format, kontakta kommunens kontaktcenter."
)


def load_reports(context: DemoContext) -> CompilationVersion:
    """Writes the compilation's texts and publishes version 1 as the dialogue team."""
    staff = context.users["staff"]
    compilation = compilation_for(context.processes["ale360"])
    save_compilation_texts(compilation=compilation, actor=staff, introduction=INTRODUCTION, closing=CLOSING)
    return publish_compilation(compilation=compilation, actor=staff)
