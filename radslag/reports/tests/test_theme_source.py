"""The compilation reads the themes the dialogue team worked out in the themes app."""

from radslag.contributions.models import Contribution
from radslag.governance.tests.factories import FocusAreaFactory, StrategicPlanFactory
from radslag.reports.assembly import assemble_compilation
from radslag.reports.services import compilation_for
from radslag.reports.theme_source import themes_for
from radslag.themes.models import Coding, Quote, Theme
from radslag.themes.tests.factories import CodingFactory, ThemeFactory


def test_current_themes_in_order_with_names_members_quotes_and_focus_areas(input_and_themes, dialogue, org):
    meeting, school = input_and_themes["meeting"], input_and_themes["school"]
    area = FocusAreaFactory(plan=StrategicPlanFactory(organisation=org), number=4, name="Medskapande invånare")
    second = ThemeFactory(process=dialogue, label="skola framtid", human_label="En bra skola", order=2)
    first = ThemeFactory(process=dialogue, label="möte bemötande", human_label="Det mänskliga mötet", order=1,
                         description="Hur kommunen bemöter invånarna.", keywords=["bemötande", "möte"])
    first.focus_areas.add(area)
    ThemeFactory(process=dialogue, label="gammalt", status=Theme.Status.MERGED, merged_into=first)
    for contribution in [*meeting, input_and_themes["hidden"]]:
        CodingFactory(theme=first, contribution=contribution)
    for contribution in school:
        CodingFactory(theme=second, contribution=contribution, source=Coding.Source.HUMAN)
    Quote.objects.create(theme=first, contribution=input_and_themes["hidden"], position=0)
    Quote.objects.create(theme=first, contribution=meeting[7], position=1)

    themes = themes_for(dialogue)
    assert [theme.label for theme in themes] == ["Det mänskliga mötet", "En bra skola"]
    assert set(themes[0].member_ids) == {c.pk for c in meeting}  # a theme's members are published input
    assert themes[0].quote_ids == (input_and_themes["hidden"].pk, meeting[7].pk)
    assert themes[0].focus_areas == ("4. Medskapande invånare",)

    content = assemble_compilation(process=dialogue)  # no compilation yet: every current theme
    assert content.themes[0].size == 8  # the hidden one is not counted
    assert content.themes[0].quotes[0].startswith("Mötet på biblioteket i Surte")
    assert not any("Hemlig" in quote for theme in content.themes for quote in theme.quotes)
    assert content.themes[1].size == 5 and content.unthemed == 0
    assert Contribution.objects.filter(process=dialogue).count() == 15


def test_only_accepted_themes_unless_staff_choose_all(input_and_themes, dialogue):
    accepted = ThemeFactory(process=dialogue, human_label="Granskat tema", accepted=True, order=1)
    ThemeFactory(process=dialogue, label="ogranskat förslag", order=2)
    for contribution in input_and_themes["meeting"]:
        CodingFactory(theme=accepted, contribution=contribution)
    compilation = compilation_for(dialogue)
    assert compilation.only_accepted_themes
    assert [t.label for t in assemble_compilation(process=dialogue, compilation=compilation).themes] == [
        "Granskat tema"]
    compilation.only_accepted_themes = False
    assert [t.label for t in assemble_compilation(process=dialogue, compilation=compilation).themes] == [
        "Granskat tema", "ogranskat förslag"]


def test_a_theme_has_the_same_size_on_every_page_and_document(input_and_themes, dialogue, client_for, org, staff):
    """8 published, 1 hidden, 1 pending coded to a theme: 8 everywhere; staff see the 2 labelled as held back."""
    from django.urls import reverse

    from radslag.themes.compilation import themes_for_compilation
    from radslag.themes.querysets import active_themes, theme_breakdowns

    theme = ThemeFactory(process=dialogue, human_label="Det mänskliga mötet", order=1)
    pending = Contribution.objects.get(process=dialogue, status=Contribution.Status.PENDING)
    for contribution in [*input_and_themes["meeting"], input_and_themes["hidden"], pending]:
        CodingFactory(theme=theme, contribution=contribution)

    listed = active_themes(dialogue).get()
    assert (listed.size, listed.held_back) == (8, 2)
    assert themes_for_compilation(dialogue)[0].size == 8
    assert len(themes_for(dialogue)[0].member_ids) == 8
    assert assemble_compilation(process=dialogue).themes[0].size == 8
    channel = next(b for b in theme_breakdowns(theme) if b.key == "channel")
    assert channel.answered == 8

    client = client_for(org, staff)
    overview = client.get(reverse("themes:overview", kwargs={"pk": dialogue.pk})).content.decode()
    assert "8 inspel" in overview and "2 som hålls tillbaka" in overview
    detail = client.get(reverse("themes:theme_detail", kwargs={"pk": dialogue.pk, "theme_pk": theme.pk}))
    text = detail.content.decode()
    assert "8 inspel" in text and "Hålls tillbaka: kodade till temat men inte publicerade" in text
    assert "Hemlig" not in text.split("Hålls tillbaka")[0]  # held-back input only in its labelled list
