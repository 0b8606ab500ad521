"""People's decisions about themes, against the database: each is written and audited."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.themes import services
from radslag.themes.compilation import themes_for_compilation
from radslag.themes.models import Coding, Quote, Theme
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_rename_keeps_the_proposal_and_is_audited(process, staff):
    theme = ThemeFactory(process=process, label="skola lärare klass")
    services.rename_theme(theme=theme, user=staff, label="  En bra skola  ", description="Om skolan.")
    theme.refresh_from_db()
    assert (theme.name, theme.label, theme.description) == ("En bra skola", "skola lärare klass", "Om skolan.")
    assert AuditEvent.objects.get(action="themes.renamed").data["previous"] == "skola lärare klass"


def test_rename_to_nothing_is_refused(process, staff):
    with pytest.raises(DomainError):
        services.rename_theme(theme=ThemeFactory(process=process), user=staff, label="  ")


def test_resident_may_not_rename(process, resident):
    with pytest.raises(PermissionDeniedError):
        services.rename_theme(theme=ThemeFactory(process=process), user=resident, label="Mitt namn")


def test_merge_moves_members_and_keeps_history(process, staff):
    target, other = ThemeFactory(process=process), ThemeFactory(process=process, keywords=["park"])
    shared = ContributionFactory(process=process)
    CodingFactory(theme=target, contribution=shared)
    CodingFactory(theme=other, contribution=shared, source=Coding.Source.HUMAN)
    CodingFactory(theme=other)
    merged = services.merge_themes(themes=[target, other], user=staff)
    other.refresh_from_db()
    assert merged == target and merged.pinned
    assert (other.status, other.merged_into) == (Theme.Status.MERGED, target)
    assert target.codings.count() == 2
    assert target.codings.get(contribution=shared).source == Coding.Source.HUMAN
    assert "park" in Theme.objects.get(pk=target.pk).keywords
    assert Quote.objects.filter(theme=target).count() == 2
    assert AuditEvent.objects.filter(action="themes.merged").exists()


def test_merge_needs_two_themes_of_one_process(process, staff, org):
    theme = ThemeFactory(process=process)
    with pytest.raises(DomainError):
        services.merge_themes(themes=[theme], user=staff)
    elsewhere = ThemeFactory(process=ProcessFactory(organisation=org))
    with pytest.raises(DomainError):
        services.merge_themes(themes=[theme, elsewhere], user=staff)


def test_merged_theme_can_no_longer_be_renamed(process, staff):
    first, second = ThemeFactory(process=process), ThemeFactory(process=process)
    services.merge_themes(themes=[first, second], user=staff)
    with pytest.raises(DomainError):
        services.rename_theme(theme=Theme.objects.get(pk=second.pk), user=staff, label="Nytt")


def test_split_makes_two_themes_of_the_members(process, staff, corpus, topic_backend):
    theme = ThemeFactory(process=process)
    for contribution in corpus["school"][:5] + corpus["bus"][:5]:
        CodingFactory(theme=theme, contribution=contribution)
    hand = CodingFactory(theme=theme, contribution=corpus["bus"][5], source=Coding.Source.HUMAN)
    parts = services.split_theme(theme=theme, user=staff)
    theme.refresh_from_db()
    assert theme.status == Theme.Status.SPLIT
    assert len(parts) == 2 and all(part.split_from == theme and part.has_decision for part in parts)
    assert sum(part.codings.count() for part in parts) == 11
    school_part = Coding.objects.get(contribution=corpus["school"][0]).theme
    assert all(Coding.objects.get(contribution=c).theme == school_part for c in corpus["school"][:5])
    assert Coding.objects.get(pk=hand.pk).source == Coding.Source.HUMAN
    assert AuditEvent.objects.filter(action="themes.split").exists()


def test_split_of_a_single_contribution_is_refused(process, staff):
    theme = ThemeFactory(process=process)
    CodingFactory(theme=theme)
    with pytest.raises(DomainError):
        services.split_theme(theme=theme, user=staff)


def test_move_replaces_the_machine_coding_with_a_human_one(process, staff):
    source, target = ThemeFactory(process=process), ThemeFactory(process=process)
    coding = CodingFactory(theme=source)
    Quote.objects.create(theme=source, contribution=coding.contribution)
    services.move_contribution(contribution=coding.contribution, from_theme=source, to_theme=target, user=staff)
    moved = Coding.objects.get(contribution=coding.contribution)
    assert (moved.theme, moved.source, moved.created_by) == (target, Coding.Source.HUMAN, staff)
    assert not Quote.objects.filter(theme=source).exists()
    assert AuditEvent.objects.filter(action="themes.contribution_moved").exists()


def test_hand_coding_to_several_themes_and_back_to_the_machine(process, staff):
    first, second, third = (ThemeFactory(process=process) for _ in range(3))
    coding = CodingFactory(theme=third)
    contribution = coding.contribution
    services.code_contribution(contribution=contribution, themes=[first, second], user=staff)
    assert set(contribution.theme_codings.values_list("theme_id", "source")) == {
        (first.pk, "human"), (second.pk, "human")}
    services.code_contribution(contribution=contribution, themes=[], user=staff)
    assert not contribution.theme_codings.exists()


def test_accept_and_pin(process, staff):
    theme = ThemeFactory(process=process)
    services.set_theme_accepted(theme=theme, user=staff, accepted=True)
    services.set_theme_pinned(theme=theme, user=staff, pinned=True)
    theme.refresh_from_db()
    assert theme.accepted and theme.pinned and theme.has_decision
    assert AuditEvent.objects.filter(action__in=["themes.accepted", "themes.pinned"]).count() == 2


def test_create_theme_by_hand_is_kept(process, staff):
    theme = services.create_theme(process=process, user=staff, label="Trygghet")
    assert theme.name == "Trygghet" and theme.run is None and theme.has_decision


def test_compilation_lists_current_themes_with_public_quotes(process, staff):
    theme = ThemeFactory(process=process, label="Skolan", description="Om skolan")
    contribution = ContributionFactory(
        process=process, body="Läraren Anna Svensson är bra", published_body="Läraren är bra"
    )
    CodingFactory(theme=theme, contribution=contribution)
    Quote.objects.create(theme=theme, contribution=contribution)
    merged = ThemeFactory(process=process, status=Theme.Status.MERGED)
    summaries = themes_for_compilation(process)
    assert [summary.pk for summary in summaries] == [theme.pk]
    summary = summaries[0]
    assert (summary.name, summary.size, summary.quotes) == ("Skolan", 1, ("Läraren är bra",))
    assert [breakdown.key for breakdown in summary.breakdowns] == ["locality", "age_band", "channel"]
    assert all(breakdown.answered is None for breakdown in summary.breakdowns)  # one contribution: all hidden
    assert merged.pk not in [s.pk for s in themes_for_compilation(process)]
    assert themes_for_compilation(process, accepted_only=True) == []
