"""Surveys for tests: a small realistic panel survey, a panel with members, and the role matrix's world."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.panels.models import Channel, Panel, PanelMember
from radslag.surveys import building
from radslag.surveys.answering import answer_token
from radslag.surveys.models import Audience, Kind, Question, Survey
from radslag.surveys.waves import pause_token, send_wave


def make_survey(org: Any, staff: Any, *, audience: str = Audience.PANEL, process: Any = None,
                open_it: bool = True) -> Survey:
    """Two sections: pride (scale, single choice, a conditional follow-up) and everyday life (grid, text)."""
    survey = building.save_survey(organisation=org, actor=staff, fields={
        "title": "Ale år 2031", "title_en": "Ale in 2031", "intro": "Tio minuter om framtiden.",
        "audience": audience, "process": process})
    pride = building.add_section(survey=survey, actor=staff, title="Stolthet", title_en="Pride")
    life = building.add_section(survey=survey, actor=staff, title="Vardagen", title_en="Everyday life")
    building.add_question(section=pride, actor=staff, fields={
        "kind": Kind.SCALE, "key": "trivsel", "text": "Hur trivs du i Ale?", "required": True,
        "scale_min": 1, "scale_max": 5, "low_label": "Inte alls", "high_label": "Mycket bra"})
    proud = building.add_question(section=pride, actor=staff, fields={
        "kind": Kind.SINGLE, "key": "stolt", "text": "Är du stolt över att bo i Ale?", "required": True},
        options_text="Ja | Yes\nNej | No\nVet inte | Don't know")
    building.add_question(section=life, actor=staff, fields={
        "kind": Kind.GRID, "key": "trygg", "text": "Hur trygg känner du dig?", "scale_min": 1, "scale_max": 5,
        "low_label": "Otrygg", "high_label": "Trygg"}, options_text="På dagen\nPå kvällen")
    building.add_question(section=life, actor=staff, fields={
        "kind": Kind.LONG_TEXT, "key": "varfor", "text": "Vad är du stolt över i Ale år 2031?",
        "show_if": proud, "show_if_value": "ja"})
    building.add_question(section=life, actor=staff, fields={
        "kind": Kind.MULTIPLE, "key": "resor", "text": "Hur reser du till jobbet?"},
        options_text="Tåg\nBil\nCykel")
    if open_it:
        building.set_status(survey=survey, actor=staff, status=Survey.Status.OPEN)
        survey.refresh_from_db()
    return survey


def question_by_key(survey: Survey, key: str) -> Question:
    """One of the survey's questions, by the key staff gave it ("trivsel", "stolt" ...)."""
    return Question.objects.get(section__survey=survey, key=key)


def make_panel(org: Any, members: int = 20) -> Panel:
    """A panel with members across two localities, both sexes and three age bands, and population figures."""
    panel = Panel.objects.create(organisation=org, name="Medborgarpanelen", description="Enkäter")
    places = [LocalityFactory(organisation=org, name="Nödinge"), LocalityFactory(organisation=org, name="Nol")]
    cells = list(itertools.product(["20-29", "45-64", "65-79"], ["female", "male"], places))
    for (age, sex, place), count in zip(cells, [900, 800, 1500, 1400, 700, 600] * 2, strict=False):
        PopulationFigure.objects.create(organisation=org, year=2025, locality=place, age_band=age, sex=sex,
                                        count=count)
    for i in range(members):
        age, sex, place = cells[i % len(cells)]
        user = user_with_role(org, Role.RESIDENT, email=f"medlem{i}@example.se")
        PanelMember.objects.create(panel=panel, user=user, age_band=age, sex=sex, locality=place,
                                   channel=Channel.POSTAL_INVITATION if i % 3 else Channel.SELF_SIGNUP,
                                   joined_at=timezone.now())
    return panel


def survey_world(org: Any, other_org: Any, staff: Any) -> dict[str, Any]:
    """What the URL × role matrix needs: an open survey anyone may answer, and a panel invitation's links."""
    open_survey = make_survey(org, staff, audience=Audience.OPEN)
    panel_survey = make_survey(org, staff)
    panel = Panel.objects.get(organisation=org)
    user = user_with_role(org, Role.RESIDENT, email="panelmedlem@example.se")
    member = PanelMember.objects.create(panel=panel, user=user, channel=Channel.SELF_SIGNUP, age_band="45-64",
                                        joined_at=timezone.now())
    wave = send_wave(survey=panel_survey, actor=staff, label="Våg 1")
    invitation = wave.invitations.get(member=member)
    return {"survey": open_survey.pk, "survey_token": answer_token(invitation_pk=invitation.pk),
            "pause_token": pause_token(member)}
