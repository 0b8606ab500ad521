"""What happened with Ale i 360 grader's input: the municipality's answers to its themes, written and
published in June 2020 after the board's decision, and the decisions linked to the dialogue behind them.

The texts are the demo's own. Themes the dialogue team named get an answer of their own; the themes the
analysis proposed and nobody renamed get the answer that they went into the material for later dialogues.
"""

from __future__ import annotations

from radslag.demo.seed.context import DemoContext, local
from radslag.feedback.models import Answer, AnswerStatus, Release
from radslag.feedback.services import publish_answers, save_answer
from radslag.governance.links import PROCESS
from radslag.governance.models import DecisionLink
from radslag.governance.services import set_links
from radslag.reports.models import CompilationVersion
from radslag.themes.models import Theme
from radslag.voting.models import Ballot

WRITTEN, PUBLISHED = local(2020, 6, 16, 13), local(2020, 6, 22, 10)

# theme name → (status, answer, reasons, progress %, progress in words, decision keys)
ANSWERS: dict[str, tuple[str, str, str, int | None, str, tuple[str, ...]]] = {
    "Återkoppling visar respekt": (
        AnswerStatus.IN_PROGRESS,
        "Kommunstyrelsen gav kontaktcenter i uppdrag att införa svarstider: en fråga via e-post eller "
        "telefon ska få ett första svar inom två arbetsdagar. Varje medborgardialog ska dessutom redovisa "
        "vad som hände med inspelen på en egen sida.",
        "", 60, "Svarstiderna gäller sedan hösten 2020; sidan om vad som hände med inspelen finns för alla "
        "nya dialoger.", ("ale360_result",)),
    "Förtroende i kontakten med kommunen": (
        AnswerStatus.INVESTIGATING,
        "Sektor kommunstyrelsen utreder hur en person som har flera ärenden hos kommunen kan få en fast "
        "kontaktperson. Utredningen redovisas till kommunstyrelsen.",
        "", None, "", ("ale360_result",)),
    "Information som alla förstår": (
        AnswerStatus.DONE,
        "Kommunens brevmallar är omskrivna på enkel svenska, och på webbplatsen finns lättlästa sidor om "
        "de vanligaste ärendena. Tolk bokas nu vid varje dialogkväll där någon ber om det.",
        "", 100, "Klart: nya brevmallar används i alla sektorer.", ("ale360_result",)),
    "Möt politikerna där vi bor": (
        AnswerStatus.REJECTED,
        "Kommunen inför inte fasta träffar med politikerna på varje ort.",
        "Fullmäktiges partier ordnar redan egna öppna möten, och kommunen kan inte boka de förtroendevaldas "
        "tid. I stället bjuds politiker in till dialogkvällarna med bordsvärdar, som hålls på olika orter.",
        None, "", ("ale360_result",)),
}

# The board's decision of June 2020 took in every theme of the compilation. The council's choice of theme
# in June 2019 is not an answer here: most of what was said came in after it, and an answer's decision must
# come after what it answers.
OTHER_THEMES = (
    AnswerStatus.IN_DECISION,
    "Temat finns med i sammanställningen som kommunstyrelsen tog emot den 9 juni 2020. Den fördjupade "
    "dialogen handlade om det mänskliga mötet, som fullmäktige valde 2019, och det här temat ligger kvar i "
    "kommunens underlag när nästa dialog planeras.",
    ("ale360_result",),
)


def load_feedback(context: DemoContext) -> Release:
    process, staff = context.processes["ale360"], context.users["staff"]
    themes = Theme.objects.filter(process=process, status=Theme.Status.ACTIVE).order_by("order", "id")
    for theme in themes:
        status, text, reasons, progress, note, keys = ANSWERS.get(theme.name) or (
            OTHER_THEMES[0], OTHER_THEMES[1], "", None, "", OTHER_THEMES[2])
        save_answer(process=process, theme=theme, actor=staff, decisions=[context.decisions[k] for k in keys],
                    fields={"status": status, "text": text, "motivation": reasons, "progress": progress,
                            "progress_note": note})
    _link_decisions(context, named=[t.pk for t in themes if t.name in ANSWERS])
    release = publish_answers(process=process, actor=staff)
    Answer.objects.filter(process=process).update(published_at=PUBLISHED, created_at=WRITTEN, updated_at=WRITTEN)
    Release.objects.filter(pk=release.pk).update(published_at=PUBLISHED)
    return release


def _link_decisions(context: DemoContext, named: list[int]) -> None:
    """The commissioning decision, the board's final decision (the outcome), and what each decision rests on.

    The decisions of 2019 (the prioritisation passed on, the choice of theme) rest on the vote of 6 March
    2019. They are not linked as answers to the dialogue: every contribution's trail shows the dialogue's
    answers, and most contributions (the dialogue evening, the expedition group) came after them. The
    compilation was published in May 2020, so only the board's decision of June 2020 rests on it."""
    process, staff, org = context.processes["ale360"], context.users["staff"], context.organisation
    ballot = Ballot.objects.filter(process=process).order_by("opens_at").first()
    version = CompilationVersion.objects.filter(compilation__process=process).order_by("number").first()
    vote = [("ballot", ballot.pk, DecisionLink.Role.BASIS)] if ballot else []
    compilation = [("compilation", version.pk, DecisionLink.Role.BASIS)] if version else []
    plan = {
        "ale360_commission": [(PROCESS, process.pk, DecisionLink.Role.COMMISSIONING)],
        "ale360_guidance": vote,
        "ale360_theme": vote,
        "ale360_result": [(PROCESS, process.pk, DecisionLink.Role.OUTCOME), *vote, *compilation,
                          *(("theme", pk, DecisionLink.Role.BASIS) for pk in named)],
    }
    for key, links_to in plan.items():
        set_links(organisation=org, actor=staff, decision=context.decisions[key], links_to=links_to)
