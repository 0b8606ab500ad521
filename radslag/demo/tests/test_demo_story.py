"""What a visitor of the demo notices: Ale i 360 grader told to its end, a process open now, notes that read real."""

import datetime as dt
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from radslag.accounts.models import User
from radslag.demo.seed.context import local
from radslag.demo.seed.contributions import read_rows
from radslag.demo.seed.current import load_current
from radslag.demo.seed.governance import load_governance
from radslag.demo.seed.municipality import load_municipality
from radslag.demo.seed.people import load_people
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.timeline import next_activity

TIME = re.compile(r'<time datetime="([^"]+)"')


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by the heading with this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, heading_id
    return match.group(0)


def times(html: str) -> list[dt.datetime]:
    return [dt.datetime.fromisoformat(value) for value in TIME.findall(html)]


@pytest.fixture
def demo(db) -> Client:
    call_command("load_demo", stdout=StringIO())
    return Client()


def test_ale_i_360_is_finished_and_shows_its_outcome(demo):
    ale360 = DialogueProcess.objects.get(slug="ale-i-360-grader")
    assert ale360.status == DialogueProcess.Status.CLOSED

    listing = demo.get("/dialoger/").content.decode()
    card = re.search(r'<li class="card process-card">(?:(?!</li>).)*Ale i 360 grader.*?</li>', listing, re.S)
    assert card and "Avslutad" in card.group(0) and "Pågående" not in card.group(0)

    page = demo.get("/dialoger/ale-i-360-grader/").content.decode()
    assert "Dialogen är avslutad." in page
    assert "Resultat av omröstningen: Prioritering av de 13 temaområdena" in page
    assert "/dialoger/ale-i-360-grader/sammanstallning/" in page
    updates = section(page, "updates-heading")
    for registration_number in ("KS 2018/74", "KS 2019/141", "KS 2019/318", "KS 2020/187"):
        assert registration_number in updates
    assert "Expeditionen avslutas" in updates and "Detta hände med det ni sa" in updates
    # The historical facts are fixed, whatever the day of loading.
    assert times(section(page, "timeline-heading"))[0].date() == dt.date(2018, 3, 1)
    assert dt.date(2019, 9, 19) in [moment.date() for moment in times(section(page, "activities-heading"))]


def test_lists_are_in_date_order_and_the_next_activity_lies_ahead(demo):
    today = timezone.localdate()
    home = demo.get("/").content.decode()
    ongoing = re.search(r'aria-labelledby="ongoing-heading".*?</section>', home, re.S)
    assert ongoing and "Nästa aktivitet" in ongoing.group(0)
    assert all(moment.date() > today for moment in times(ongoing.group(0)))

    for slug in ("ale-i-360-grader", "motesplatser-nodinge"):
        page = demo.get(f"/dialoger/{slug}/").content.decode()
        activities = times(section(page, "activities-heading"))
        assert activities == sorted(activities), slug
        updates = times(section(page, "updates-heading"))
        assert updates == sorted(updates, reverse=True), slug
        phases = times(section(page, "timeline-heading"))
        assert phases == sorted(phases), slug

    current = demo.get("/dialoger/motesplatser-nodinge/").content.decode()
    upcoming = times(section(current, "now-heading"))
    assert upcoming and upcoming[0].date() > today


def test_the_table_host_is_offered_entry_only_for_the_evening_ahead(demo):
    demo.force_login(User.objects.get(email="bordsvard@ale.example"))
    page = demo.get("/mina-uppgifter/").content.decode()
    entry_links = re.findall(r'href="[^"]*/inmatning/\?activity=\d+[^"]*"', page)
    assert len(entry_links) == 1
    hosted = page[page.index(entry_links[0]) - 300:page.index(entry_links[0])]
    assert "2019" not in hosted and "Dialogkväll om mötesplatser i centrum" in hosted


@pytest.mark.parametrize("today", [dt.date(2026, 12, 4), dt.date(2027, 2, 28), dt.date(2028, 12, 31),
                                   dt.date(2031, 7, 15)])
def test_the_current_process_is_dated_from_the_load_day(db, today):
    context = load_municipality(today=today, existing=None)
    for load in (load_people, load_governance, load_current):
        load(context)
    process = context.processes["motesplatser"]
    assert process.current_phase(today) is not None
    upcoming = next_activity(process.activities.all(), local(today.year, today.month, today.day, 12))
    assert upcoming is not None and upcoming.starts_at.date() > today
    assert (upcoming.starts_at.date() - today).days <= 21, "the next activity is near enough to register for"
    assert all(update.published_at.date() <= today for update in process.updates.all())
    assert process.feedback_due > today


TEMPLATE_WORDS = ("Medskick", "Mindre bra:", "Det som skaver", "Samtalet kom in på", "Vi landade i",
                  "Bordets förslag", "Någon kopplade det till", "En deltagare berättade")


def test_notes_read_like_real_varied_notes():
    notes = [row["text"] for row in read_rows() if row["channel"] in {"interview", "table_note"}]
    assert len(notes) > 100
    for word in TEMPLATE_WORDS:
        share = sum(word.lower() in note.lower() for note in notes) / len(notes)
        assert share <= 0.05, (word, share)
    # No label ("Förslag:", "Oro:") opens or structures more than a small share of the notes.
    labels = Counter(label.lower() for note in notes for label in set(re.findall(r"(\w+(?: \w+)?):", note)))
    assert labels.most_common(1)[0][1] / len(notes) <= 0.1, labels.most_common(3)
    # Different lengths and shapes: short jottings, longer prose, lists on several lines.
    lengths = sorted(len(note) for note in notes)
    assert lengths[len(lengths) // 10] < 120 and lengths[-len(lengths) // 10] > 250
    assert sum("\n" in note for note in notes) >= len(notes) // 5
    assert len({note.split()[0] for note in notes}) >= len(notes) // 3



def test_no_sentence_is_repeated_across_many_contributions():
    sentences = Counter(
        sentence.strip().lower()
        for row in read_rows()
        for sentence in set(re.split(r"(?<=[.!?])\s+|\n", row["text"]))
        if len(sentence.strip()) > 25
    )
    sentence, count = sentences.most_common(1)[0]
    assert count <= 3, (sentence, count)
