"""The demo's panel survey: "Ale år 2031", one wave to the citizen panel, with answers from about two
thirds of the members, so that response rates, weighted results and the exports have something to show.

The wave's invitations are written directly (no mail leaves the demo); the demo resident is invited and
has not answered, so their personal link shows a fresh form.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from radslag.demo.seed.context import DemoContext
from radslag.panels.models import Panel
from radslag.surveys import building
from radslag.surveys.models import DONT_KNOW, Answer, Invitation, Kind, Question, Response, Source, Survey, Wave
from radslag.surveys.waves import stratum_of

PRIDE = (
    "Att man kan ta pendeltåget till Göteborg på en kvart och ändå bo nära skogen.",
    "Älven och de nya promenadstråken längs vattnet i Nödinge och Surte.",
    "Föreningslivet: fotbollen i Älvängen och alla ledare som ställer upp.",
    "Att skolorna har blivit bättre och att barnen trivs.",
    "Att kommunen faktiskt lyssnade på oss i dialogerna om mötesplatser.",
    "Skepplandas bygdegård och att landsbygden fortfarande lever.",
    "Att det går att bo kvar i Ale hela livet, också när man blir gammal.",
    "Bohus varvsområde som blev en plats för alla.",
)
TRAVEL = "Pendeltåg | Commuter train\nBuss | Bus\nBil | Car\nCykel eller till fots | Bike or on foot"


def _build(context: DemoContext) -> Survey:
    staff = context.users["staff"]
    survey = building.save_survey(organisation=context.organisation, actor=staff, fields={
        "title": "Ale år 2031", "title_en": "Ale in 2031", "audience": "panel",
        "intro": "Kommunens vision sträcker sig till år 2031. Vi vill veta vad du tycker om livet i Ale i dag och "
                 "vad du vill kunna vara stolt över om några år. Enkäten tar runt tio minuter.",
        "closes_at": context.days_from_today(20, 23, 59), "focus_areas": list(context.focus_areas.values())[:2]})
    today = building.add_section(survey=survey, actor=staff, title="Ale i dag", title_en="Ale today")
    future = building.add_section(survey=survey, actor=staff, title="Ale år 2031", title_en="Ale in 2031")
    everyday = building.add_section(survey=survey, actor=staff, title="Din vardag", title_en="Your everyday life")
    building.add_question(section=today, actor=staff, fields={
        "kind": Kind.SCALE, "key": "trivsel", "text": "Hur trivs du med att bo i Ale?",
        "text_en": "How do you like living in Ale?", "required": True, "scale_min": 1, "scale_max": 5,
        "low_label": "Mycket dåligt", "high_label": "Mycket bra", "low_label_en": "Very poorly",
        "high_label_en": "Very well"})
    building.add_question(section=today, actor=staff, fields={
        "kind": Kind.SCALE, "key": "rekommendera", "text": "Hur troligt är det att du skulle rekommendera en vän att "
        "flytta till Ale?", "scale_min": 0, "scale_max": 10, "low_label": "Inte alls troligt",
        "high_label": "Mycket troligt"})
    proud = building.add_question(section=today, actor=staff, fields={
        "kind": Kind.SINGLE, "key": "stolt", "text": "Är du stolt över att bo i Ale?",
        "text_en": "Are you proud of living in Ale?", "required": True},
        options_text="Ja | Yes\nNej | No\nVet inte | Don't know")
    building.add_question(section=future, actor=staff, fields={
        "kind": Kind.LONG_TEXT, "key": "stolt2031", "text": "Vad är du stolt över i Ale år 2031?",
        "text_en": "What are you proud of in Ale in 2031?",
        "help_text": "Tänk dig att det är år 2031. Skriv med egna ord."})
    building.add_question(section=future, actor=staff, fields={
        "kind": Kind.GRID, "key": "viktigt", "text": "Hur viktigt är det här för Ale år 2031?", "scale_min": 1,
        "scale_max": 5, "low_label": "Inte viktigt", "high_label": "Mycket viktigt"},
        options_text="Trygga miljöer på kvällen\nBra skolor\nMötesplatser för unga\nMindre klimatpåverkan")
    building.add_question(section=everyday, actor=staff, fields={
        "kind": Kind.MULTIPLE, "key": "resor", "text": "Hur tar du dig oftast till jobb eller skola?"},
        options_text=TRAVEL)
    building.add_question(section=everyday, actor=staff, fields={
        "kind": Kind.SHORT_TEXT, "key": "saknar", "text": "Vad saknar du mest där du bor?",
        "show_if": proud, "show_if_value": "nej"})
    building.set_status(survey=survey, actor=staff, status=Survey.Status.OPEN)
    return Survey.objects.get(pk=survey.pk)


def _answers(question: Question, rng: random.Random, positive: bool) -> list[tuple[Any, str, str]]:
    options = list(question.options.all())
    if question.key == "stolt":
        return [(None, rng.choices(["ja", "nej", "vet-inte"], [7, 2, 1] if positive else [3, 4, 2])[0], "")]
    if question.key == "stolt2031":
        return [(None, "", rng.choice(PRIDE))] if rng.random() < 0.6 else []
    if question.key == "saknar":
        return []
    if question.kind == Kind.MULTIPLE:
        return [(None, o.value, "") for o in rng.sample(options, rng.choice([1, 1, 2]))]
    values = question.scale_values()
    high = values[len(values) // 2:] if positive else values
    if question.kind == Kind.GRID:
        return [(o.pk, rng.choice([*high, DONT_KNOW] if rng.random() < 0.1 else high), "") for o in options]
    return [(None, rng.choice(high), "")]


def load_surveys(context: DemoContext) -> Survey | None:
    panel = Panel.objects.filter(organisation=context.organisation).first()
    if panel is None:
        return None
    rng = random.Random(20312031)  # noqa: S311 - demo data, not security
    survey = _build(context)
    wave = Wave.objects.create(survey=survey, label="Våg 1, december", seed=2031, created_by=context.users["staff"])
    members = list(panel.members.active().order_by("pk"))
    invitations = Invitation.objects.bulk_create(
        Invitation(wave=wave, member=m, stratum=stratum_of(m), channel=m.channel) for m in members)
    questions = list(Question.objects.filter(section__survey=survey).prefetch_related("options"))
    now = timezone.now()
    resident = context.users["resident"]
    for invitation, member in zip(invitations, members, strict=True):
        if member.user_id == resident.pk or rng.random() > (0.75 if member.age_band >= "45" else 0.5):
            continue
        response = Response.objects.create(
            survey=survey, invitation=invitation, wave=wave, source=Source.PANEL, user_id=member.user_id,
            age_band=member.age_band, sex=member.sex, locality_id=member.locality_id, background_from_panel=True,
            submitted_at=now - dt.timedelta(hours=rng.randint(1, 72)))
        positive = rng.random() < 0.7
        Answer.objects.bulk_create(
            Answer(response=response, question=q, statement_id=statement, value=value, text=text)
            for q in questions for statement, value, text in _answers(q, rng, positive))
    return survey
