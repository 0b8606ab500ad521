"""Who hears about something published in a process: those who follow it, one of its focus areas, or the
municipality (messaging.outbox.announce adds the municipality's followers itself)."""

from __future__ import annotations

from radslag.dialogues.models import DialogueProcess
from radslag.messaging.models import Topic


def process_topics(process_id: int) -> list[tuple[str, int | None]]:
    areas = DialogueProcess.focus_areas.through.objects.filter(dialogueprocess_id=process_id).values_list(
        "focusarea_id", flat=True)
    return [(Topic.PROCESS, process_id), *((Topic.FOCUS_AREA, area) for area in areas)]
