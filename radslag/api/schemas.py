"""What the API returns. Only public facts: no people, no moderation, no drafts."""

# No postponed annotations here: Django Ninja and pydantic read them at run time.
import datetime as dt

from ninja import Field, Schema

from radslag.contributions.models import Contribution
from radslag.core.localized import written_language
from radslag.dialogues.models import DialogueProcess, ProcessUpdate
from radslag.governance.models import Decision, FocusArea

# Where the contributions endpoint prefetches focus areas to (a plain list: no manager per row).
FOCUS_AREA_LIST = "focus_area_list"


def _slugs(focus_areas: object) -> list[str]:
    # The views prefetch focus areas, so `.all()` reads the cache instead of the database.
    return [area.slug for area in focus_areas.all()]  # type: ignore[attr-defined]


class BodyOut(Schema):
    id: int
    name: str
    kind: str


class PlanOut(Schema):
    title: str
    starts: int
    ends: int


class ProcessRef(Schema):
    slug: str
    title: str


class DecisionRef(Schema):
    id: int
    title: str
    decided_on: dt.date
    registration_number: str
    section: str


class DecisionOut(DecisionRef):
    body: BodyOut
    summary: str
    url: str
    focus_areas: list[str]

    @staticmethod
    def resolve_focus_areas(obj: Decision) -> list[str]:
        return _slugs(obj.focus_areas)


class DecisionDetailOut(DecisionOut):
    commissioned_processes: list[ProcessRef]

    @staticmethod
    def resolve_commissioned_processes(obj: Decision) -> list[DialogueProcess]:
        return list(obj.commissioned_processes.all())


class ProcessOut(Schema):
    """Texts are the Swedish originals; each `*_en` is the English version staff gave, "" where none."""

    slug: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    status: str
    published_at: dt.datetime | None
    participation_level: str
    deciding_body: BodyOut | None
    focus_areas: list[str]

    @staticmethod
    def resolve_focus_areas(obj: DialogueProcess) -> list[str]:
        return _slugs(obj.focus_areas)


class ProcessDetailOut(ProcessOut):
    """A process with its mandate: why it runs, what can be influenced, who decides and when we report back."""

    purpose: str
    purpose_en: str
    open_to_influence: str
    open_to_influence_en: str
    not_open_to_influence: str
    not_open_to_influence_en: str
    commissioning_decision: DecisionRef | None
    target_groups: str
    target_groups_en: str
    methods: str
    methods_en: str
    use_of_results: str
    use_of_results_en: str
    feedback_plan: str
    feedback_plan_en: str
    feedback_due: dt.date | None
    principles: str
    principles_en: str
    moderation_rules: list[str]
    input_question: str
    input_question_en: str
    accepts_online_input: bool
    localities: list[str]

    @staticmethod
    def resolve_moderation_rules(obj: DialogueProcess) -> list[str]:
        return obj.rule_list()

    @staticmethod
    def resolve_localities(obj: DialogueProcess) -> list[str]:
        return [locality.name for locality in obj.localities.all()]


class PhaseOut(Schema):
    order: int
    name: str
    name_en: str
    description: str
    description_en: str
    starts: dt.date
    ends: dt.date


class UpdateOut(Schema):
    id: int
    title: str
    title_en: str
    body: str
    body_en: str
    published_at: dt.datetime
    phase: str | None
    decision: DecisionRef | None

    @staticmethod
    def resolve_phase(obj: ProcessUpdate) -> str | None:
        return obj.phase.name if obj.phase else None


class ContributionOut(Schema):
    """A published contribution as the public sees it: the moderated text and no trace of the person."""

    id: int
    text: str
    channel: str
    created_at: dt.datetime
    locality: str | None
    language: str = Field(description="The language the text is written in (ISO 639 code): the language of the "
                          "form it came through, unless the text is clearly in another (its script, or several of "
                          "another language's function words).")
    focus_areas: list[str]

    @staticmethod
    def resolve_text(obj: Contribution) -> str:
        return obj.public_text

    @staticmethod
    def resolve_language(obj: Contribution) -> str:
        # The stored language is the form's: a note in Somali sent through the Swedish form is stored "sv".
        return written_language(obj.public_text, obj.language)

    @staticmethod
    def resolve_locality(obj: Contribution) -> str | None:
        return obj.locality.name if obj.locality else None

    @staticmethod
    def resolve_focus_areas(obj: Contribution) -> list[str]:
        prefetched = getattr(obj, FOCUS_AREA_LIST, None)
        if prefetched is not None:
            return [area.slug for area in prefetched]
        return _slugs(obj.focus_areas)


class FocusAreaOut(Schema):
    slug: str
    number: int
    name: str
    description: str
    plan: PlanOut


class FocusAreaDetailOut(FocusAreaOut):
    """A focus area with what is traceable to it: published processes and decisions."""

    processes: list[ProcessRef]
    decisions: list[DecisionRef]

    @staticmethod
    def resolve_processes(obj: FocusArea) -> list[DialogueProcess]:
        return list(obj.processes.all())

    @staticmethod
    def resolve_decisions(obj: FocusArea) -> list[Decision]:
        return list(obj.decisions.all())
