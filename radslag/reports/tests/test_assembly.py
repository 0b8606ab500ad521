"""What goes into a compilation: the mandate, who took part, and the themes, safe to publish."""

from radslag.contributions.models import Contribution
from radslag.reports.assembly import assemble_compilation
from radslag.reports.content import from_snapshot, to_snapshot
from radslag.reports.services import compilation_for


def _theme(content, label):
    return next(theme for theme in content.themes if theme.label == label)


def _row(table, label):
    return next(row for row in table.rows if row.label == label)


def test_hidden_and_pending_contributions_are_never_quoted_or_counted(input_and_themes, dialogue):
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    meeting = _theme(content, "Det mänskliga mötet")
    assert meeting.size == 8
    assert not any("Hemlig" in quote or "granskad" in quote for quote in meeting.quotes)
    assert meeting.quotes[0].startswith("Jag vill bli bemött som en människa")
    assert any("biblioteket i Surte" in quote for quote in meeting.quotes)


def test_quotes_use_the_published_text_of_a_moderated_contribution(input_and_themes, dialogue):
    first = input_and_themes["meeting"][0]
    Contribution.objects.filter(pk=first.pk).update(published_body="Jag vill bli sedd av [namn borttaget].")
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    assert "Jag vill bli sedd av [namn borttaget]." in _theme(content, "Det mänskliga mötet").quotes


def test_a_theme_with_too_few_picked_quotes_is_topped_up_from_its_published_members(input_and_themes, dialogue):
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    school = _theme(content, "En bra skola ger en bra framtid")
    assert len(school.quotes) == 3
    assert all("En bra skola" in quote for quote in school.quotes)


def test_small_groups_in_a_theme_breakdown_are_suppressed(input_and_themes, dialogue):
    """Two from Surte are hidden; Nödinge's six then show only as a rounded share, or 8 - 6 gives Surte away."""
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    meeting = _theme(content, "Det mänskliga mötet")
    localities = next(t for t in meeting.breakdowns if t.key == "locality")
    surte, nodinge = _row(localities, "Surte"), _row(localities, "Nödinge")
    assert surte.suppressed and surte.count is None and surte.percent is None
    assert not nodinge.suppressed and nodinge.rounded and nodinge.count is None
    assert nodinge.percent == 75  # 6 of 8, in steps of 25 % (two people or more per step)
    ages = next(t for t in meeting.breakdowns if t.key == "age_band")
    # No small group by age, but a theme's counts are never exact: they could be subtracted from the
    # whole process's and the other themes' counts.
    assert _row(ages, "30–44 år").count is None and _row(ages, "30–44 år").percent == 100


def test_a_theme_of_fewer_than_five_shows_no_breakdown_figures(input_and_themes, dialogue):
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    school = _theme(content, "En bra skola ger en bra framtid")
    assert school.size == 4
    assert all(row.count is None for table in school.breakdowns for row in table.rows)


def test_who_took_part_counts_everyone_but_hides_small_groups(input_and_themes, dialogue):
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    assert content.participation.total == 15
    assert content.participation.population_year == 2024
    localities = next(t for t in content.participation.comparisons if t.key == "locality")
    nodinge = _row(localities, "Nödinge")  # 8 of 15, beside a hidden small group: a share in steps of 20 %
    assert (nodinge.count, nodinge.rounded, nodinge.percent, nodinge.population_percent) == (None, True, 60, 43)
    assert _row(localities, "Surte").suppressed


def test_purpose_method_and_activities_come_from_the_process(input_and_themes, dialogue, org):
    compilation = compilation_for(dialogue)
    compilation.introduction = "Så här läser du sammanställningen."
    content = assemble_compilation(process=dialogue, compilation=compilation, themes=input_and_themes["themes"])
    mandate = {item.label: item.text for item in content.mandate}
    assert mandate["Syfte"].startswith("Att låta invånarnas berättelser")
    assert mandate["Delaktighetsnivå"] == "Dialog"
    activity = content.activities[0]
    assert (activity.title, activity.kind, activity.when, activity.attendance) == (
        "Dialogkväll om det mänskliga mötet", "Dialogkväll", "19 september 2019", 104)
    assert "Lapp" in content.channels_used and len(content.channels_used) == 2
    assert content.introduction == "Så här läser du sammanställningen."
    assert content.unthemed == 1  # the fifth school text is in no theme


def test_the_snapshot_gives_back_the_same_content(input_and_themes, dialogue):
    content = assemble_compilation(process=dialogue, themes=input_and_themes["themes"])
    assert from_snapshot(to_snapshot(content)) == content


def test_without_themes_the_compilation_still_has_method_and_participation(dialogue, localities):
    content = assemble_compilation(process=dialogue, themes=[])
    assert content.themes == ()
    assert content.participation.total == 0
