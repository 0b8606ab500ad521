"""Before publishing, the compilation page says which themes 'only accepted themes' leaves out, and why."""

from django.urls import reverse

from radslag.reports.services import compilation_for
from radslag.reports.theme_source import themes_left_out
from radslag.themes.tests.factories import CodingFactory, ThemeFactory


def test_themes_not_accepted_are_named_with_their_sizes_before_the_publish_button(
    input_and_themes, dialogue, client_for, org, staff,
):
    accepted = ThemeFactory(process=dialogue, human_label="Det mänskliga mötet", accepted=True, order=1)
    waiting = ThemeFactory(process=dialogue, human_label="En bra skola", order=2)
    for contribution in input_and_themes["meeting"]:
        CodingFactory(theme=accepted, contribution=contribution)
    for contribution in input_and_themes["school"]:
        CodingFactory(theme=waiting, contribution=contribution)
    CodingFactory(theme=waiting, contribution=input_and_themes["meeting"][0])

    left_out = themes_left_out(dialogue, accepted_only=True)
    assert left_out.themes == (("En bra skola", 6),)
    assert left_out.only_there == 5  # the one also in an accepted theme still appears there

    page = client_for(org, staff).get(reverse("reports:staff_compilation", kwargs={"pk": dialogue.pk})).content.decode()
    assert "1 tema är utelämnat ur sammanställningen" in page
    assert "En bra skola (6 publicerade inspel)" in page
    assert "5 publicerade inspel hör bara till dessa teman" in page
    assert "godkänn dem i" in page and reverse("themes:overview", kwargs={"pk": dialogue.pk}) in page
    assert page.index("En bra skola (6") < page.index("Publicera sammanställningen")


def test_nothing_is_said_when_all_themes_are_shown(input_and_themes, dialogue, client_for, org, staff):
    ThemeFactory(process=dialogue, human_label="En bra skola", order=1)
    compilation = compilation_for(dialogue)
    compilation.only_accepted_themes = False
    compilation.save()
    assert themes_left_out(dialogue, accepted_only=False).themes == ()
    page = client_for(org, staff).get(reverse("reports:staff_compilation", kwargs={"pk": dialogue.pk})).content.decode()
    assert "utelämnat" not in page
