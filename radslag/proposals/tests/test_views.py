"""The public and staff pages as residents and staff meet them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.tests.factories import DecisionFactory, FocusAreaFactory
from radslag.organisations.tests.factories import BodyFactory, LocalityFactory
from radslag.proposals import services
from radslag.proposals.focus_areas import proposals_by_focus_area
from radslag.proposals.models import Proposal, Support
from radslag.proposals.tests.factories import make_proposal, verified_resident
from radslag.proposals.what_happened import proposals_of_process

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_the_list_shows_public_proposals_only(org, client_for):
    make_proposal(org, title="Utegym i Älvängen")
    make_proposal(org, title="Hemligt utkast", status=Status.SUBMITTED)
    page = client_for(org).get(reverse("proposals:list")).content.decode()
    assert "Utegym i Älvängen" in page and "Hemligt utkast" not in page


def test_the_list_sorts_by_support_newest_and_closing(org, client_for):
    make_proposal(org, title="Få stöd", support_count=1, days_left=50)
    make_proposal(org, title="Många stöd", support_count=90, days_left=5,
                  accepted_at=timezone.now() - dt.timedelta(days=20))
    client = client_for(org)

    def order(sort):
        page = client.get(reverse("proposals:list"), {"sort": sort}).content.decode()
        return page.index("Få stöd") < page.index("Många stöd")

    assert order("supported") is False and order("newest") is True and order("closing") is False


def test_the_list_filters_by_focus_area_locality_committee_and_status(org, client_for):
    area, place, body = FocusAreaFactory(plan__organisation=org), LocalityFactory(organisation=org), \
        BodyFactory(organisation=org)
    tagged = make_proposal(org, title="Märkt förslag", status=Status.ASSIGNED, committee=body)
    tagged.focus_areas.add(area)
    tagged.localities.add(place)
    make_proposal(org, title="Annat förslag")
    client = client_for(org)
    for params in ({"focus_area": area.pk}, {"locality": place.pk}, {"committee": body.pk}, {"status": "handling"}):
        page = client.get(reverse("proposals:list"), params).content.decode()
        assert "Märkt förslag" in page and "Annat förslag" not in page, params


def test_search_finds_swedish_word_forms(org, client_for):
    make_proposal(org, title="Cykelväg till skolan", text="Barnen behöver en säker väg.")
    make_proposal(org, title="Hundrastgård", text="En inhägnad plats för hundar.")
    page = client_for(org).get(reverse("proposals:list"), {"q": "skolor"}).content.decode()
    assert "Cykelväg till skolan" in page and "Hundrastgård" not in page


def test_the_proposal_page_shows_progress_days_left_and_never_who_supported(org, client_for):
    proposal = make_proposal(org, threshold=150, days_left=10)
    supporter = verified_resident(org, display_name="Karin Supporter")
    services.support_proposal(organisation=org, proposal_id=proposal.pk, user=supporter)
    page = client_for(org).get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert 'max="150" value="1"' in page and "10 dagar kvar" in page
    assert "Karin Supporter" not in page and supporter.email not in page


def test_a_small_group_of_supporters_is_not_shown_as_a_number(org, client_for):
    proposal = make_proposal(org, threshold=100)
    big, small = LocalityFactory(organisation=org, name="Nödinge"), LocalityFactory(organisation=org, name="Alvhem")
    for n in range(12):
        services.support_proposal(organisation=org, proposal_id=proposal.pk,
                                  user=verified_resident(org, locality=small if n == 0 else big))
    page = client_for(org).get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "Alvhem" in page and "färre än 5" in page and "11 (92 %)" not in page


def test_an_unaccepted_proposal_is_hidden_from_others_but_shown_to_its_proposer(org, client_for):
    proposer = verified_resident(org)
    proposal = make_proposal(org, status=Status.REFUSED, proposer=proposer, refusal_rule="Enskilda ärenden",
                             refusal_reason="Det gäller en enskild granne.")
    url = reverse("proposals:detail", kwargs={"pk": proposal.pk})
    assert client_for(org, verified_resident(org)).get(url).status_code == 404
    page = client_for(org, proposer).get(url).content.decode()
    assert "Enskilda ärenden" in page and "Det gäller en enskild granne." in page


def test_writing_shows_similar_proposals_before_submitting(org, client_for):
    make_proposal(org, title="Belysning på gångvägen i Nol", text="Gångvägen till stationen är mörk.")
    client = client_for(org, verified_resident(org))
    response = client.post(reverse("proposals:create"), {
        "title": "Mer belysning", "text": "Gångvägen mot stationen i Nol behöver lampor.", "tie": "resident",
        "action": "similar"})
    assert "Belysning på gångvägen i Nol" in response.content.decode()
    assert not Proposal.objects.filter(title="Mer belysning").exists()
    fragment = client.get(reverse("proposals:similar"), {"q": "belysning gångväg"}).content.decode()
    assert "Belysning på gångvägen i Nol" in fragment


def test_submitting_a_proposal_over_the_length_limit_says_so(org, client_for):
    response = client_for(org, verified_resident(org)).post(reverse("proposals:create"), {
        "title": "Långt", "text": "ord " * 1000, "tie": "resident", "action": "submit"})
    assert response.status_code == 400 and "högst 3000 tecken" in response.content.decode()


def test_a_proposal_at_the_length_limit_with_line_breaks_as_a_browser_sends_them_is_accepted(org, client_for):
    """The browser counts each line break in the text box as one character against `maxlength` but sends it
    as two (CR LF): the stored text has newlines, and the limit counts them once, as the writer saw it."""
    paragraphs = ["Bänkar längs älven."] * 150
    text = "\r\n".join(paragraphs)
    assert len(text.replace("\r\n", "\n")) == 2999 and len(text) > 3000
    response = client_for(org, verified_resident(org)).post(reverse("proposals:create"), {
        "title": "Bänkar", "text": text, "tie": "resident", "action": "submit"})
    assert response.status_code == 302
    assert Proposal.objects.get(title="Bänkar").text == "\n".join(paragraphs)


def test_supporting_by_the_page_counts_once_and_tells_a_second_click(org, client_for):
    proposal = make_proposal(org)
    client = client_for(org, verified_resident(org))
    url = reverse("proposals:support", kwargs={"pk": proposal.pk})
    client.post(url, {"tie": "resident"})
    second = client.post(url, {"tie": "resident"}, follow=True).content.decode()
    assert "Du stöder redan" in second and Support.objects.count() == 1


def test_support_on_another_municipalitys_proposal_is_not_found(org, other_org, client_for):
    proposal = make_proposal(other_org)
    response = client_for(org, verified_resident(org)).post(reverse("proposals:support", kwargs={"pk": proposal.pk}))
    assert response.status_code == 404 and not Support.objects.exists()


def test_the_staff_queue_dates_proposals_with_the_swedish_month(org, staff, client_for):
    make_proposal(org, status=Status.THRESHOLD_REACHED, submitted_at=dt.datetime(2020, 5, 4, 9, tzinfo=dt.UTC),
                  answer_due=dt.datetime(2020, 6, 30, 9, tzinfo=dt.UTC))
    page = client_for(org, staff).get(reverse("proposals:staff_queue")).content.decode()
    table = page[page.index("<tbody>"):]
    assert "4 maj 2020" in table and "30 juni 2020" in table and "Jun 2020" not in table


def test_staff_check_route_and_answer_through_the_pages(org, staff, client_for):
    proposal = make_proposal(org, status=Status.SUBMITTED)
    client = client_for(org, staff)
    client.post(reverse("proposals:staff_accept", kwargs={"pk": proposal.pk}))
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.THRESHOLD_REACHED,
                                                   answer_due=timezone.now() - dt.timedelta(days=1))
    assert "försenat" in client.get(reverse("proposals:staff_queue")).content.decode()
    client.post(reverse("proposals:staff_assign", kwargs={"pk": proposal.pk}),
                {"committee": BodyFactory(organisation=org).pk})
    client.post(reverse("proposals:staff_start", kwargs={"pk": proposal.pk}))
    client.post(reverse("proposals:staff_answer", kwargs={"pk": proposal.pk}), {
        "outcome": "in_decision", "answer": "Nämnden bifaller.", "decision": DecisionFactory(organisation=org).pk})
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED and proposal.answer == "Nämnden bifaller."


def test_a_refusal_without_a_reason_is_shown_again_with_the_error(org, staff, client_for):
    proposal = make_proposal(org, status=Status.SUBMITTED)
    response = client_for(org, staff).post(reverse("proposals:staff_refuse", kwargs={"pk": proposal.pk}),
                                           {"rule": "Frågor som kommunen inte beslutar om", "reason": ""})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_the_rules_page_is_generated_from_the_settings(org, admin_user, client_for):
    services.save_rules(organisation=org, actor=admin_user, fields={
        "collection_days": 90, "threshold_count": 75, "minimum_age": 15, "out_of_scope": "Skatter"})
    page = client_for(org).get(reverse("proposals:rules")).content.decode()
    assert "90 dagar" in page and "75 stöd" in page and "minst 15 år" in page and "Skatter" in page


@pytest.mark.parametrize(("count", "english"), [(1, "It needs 1 support."), (1500, "It needs 1,500 supports.")])
def test_the_rules_page_in_english_counts_supports_in_the_singular_and_plural(org, admin_user, client_for, count,
                                                                             english):
    services.save_rules(organisation=org, actor=admin_user, fields={"threshold_count": count})
    client = client_for(org)
    client.cookies["django_language"] = "en"
    assert english in client.get(reverse("proposals:rules")).content.decode()


def test_an_administrator_saves_new_rules_through_the_page(org, admin_user, client_for):
    client = client_for(org, admin_user)
    form = client.get(reverse("proposals:staff_rules")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["collection_days"] = 30
    client.post(reverse("proposals:staff_rules"), data)
    assert client.get(reverse("proposals:rules")).context["rules"].collection_days == 30


def test_the_statistics_count_reached_share_median_and_outcomes(org, client_for):
    now = timezone.now()
    make_proposal(org, status=Status.ANSWERED, threshold_reached_at=now - dt.timedelta(days=10), answered_at=now,
                  outcome="done")
    make_proposal(org, status=Status.PERIOD_ENDED, collection_ended_at=now)
    make_proposal(org)
    stats = client_for(org).get(reverse("proposals:statistics")).context["stats"]
    assert stats.reached == 1 and stats.decided == 2 and stats.reached_percent == 50
    assert stats.median_days_to_answer == 10.0 and ("Genomfört", 1) in stats.by_outcome


def test_the_atom_feed_lists_public_proposals(org, client_for):
    make_proposal(org, title="Fler papperskorgar")
    response = client_for(org).get(reverse("proposals:feed"))
    assert response["Content-Type"].startswith("application/atom+xml") and b"Fler papperskorgar" in response.content


def test_the_proposer_writes_an_update_that_supporters_see(org, client_for):
    proposer = verified_resident(org)
    proposal = make_proposal(org, proposer=proposer)
    client_for(org, proposer).post(reverse("proposals:post_update", kwargs={"pk": proposal.pk}),
                                   {"text": "Tack för 40 stöd!"})
    assert "Tack för 40 stöd!" in client_for(org).get(reverse("proposals:detail", kwargs={"pk": proposal.pk})
                                                      ).content.decode()


def test_my_page_lists_own_proposals_and_supports(org, client_for):
    person = verified_resident(org)
    make_proposal(org, title="Mitt eget", proposer=person)
    other = make_proposal(org, title="Någon annans")
    services.support_proposal(organisation=org, proposal_id=other.pk, user=person)
    page = client_for(org, person).get(reverse("proposals:mine")).content.decode()
    assert "Mitt eget" in page and "Någon annans" in page


def test_for_process_and_for_focus_area_give_the_linked_public_proposals(org):
    from radslag.dialogues.tests.factories import ProcessFactory
    from radslag.proposals.queries import for_focus_area, for_process

    process, area = ProcessFactory(organisation=org), FocusAreaFactory(plan__organisation=org)
    linked = make_proposal(org, process=process)
    linked.focus_areas.add(area)
    make_proposal(org, process=process, status=Status.SUBMITTED)
    assert list(for_process(process)) == [linked] and list(for_focus_area(area)) == [linked]


def test_a_focus_area_lists_its_ten_most_supported_public_proposals(org):
    from radslag.proposals.focus_areas import PER_AREA, proposals_by_focus_area

    busy = FocusAreaFactory(plan__organisation=org)
    quiet = FocusAreaFactory(plan=busy.plan)
    for n in range(PER_AREA + 3):
        make_proposal(org, title=f"Förslag {n}", support_count=n * 7 % 13).focus_areas.add(busy)
    make_proposal(org, title="Ej granskat", support_count=99, status=Status.SUBMITTED).focus_areas.add(busy)
    both = make_proposal(org, title="I båda", support_count=1)
    both.focus_areas.add(busy, quiet)
    found = proposals_by_focus_area(org, [busy.pk, quiet.pk])
    expected = sorted(Proposal.objects.public().filter(focus_areas=busy).values_list("support_count", "pk", "title"),
                      reverse=True)[:PER_AREA]
    assert [item.label for item in found[busy.pk]] == [title for _count, _pk, title in expected]
    assert "Ej granskat" not in [item.label for item in found[busy.pk]]
    assert [item.label for item in found[quiet.pk]] == ["I båda"]


def test_support_asked_for_as_json_answers_with_the_count_or_the_reason(org, client_for):
    proposal = make_proposal(org)
    client = client_for(org, verified_resident(org))
    url = reverse("proposals:support", kwargs={"pk": proposal.pk})
    first = client.post(url, {"tie": "resident"}, HTTP_ACCEPT="application/json")
    second = client.post(url, {"tie": "resident"}, HTTP_ACCEPT="application/json")
    assert first.status_code == 201 and first.json()["support_count"] == 1
    assert second.status_code == 409 and "Du stöder redan" in second.json()["error"]


def test_a_filter_naming_an_id_too_large_for_any_row_shows_the_whole_list(org, client_for):
    make_proposal(org, title="Utegym i Älvängen")
    huge = "9" * 20
    response = client_for(org).get(reverse("proposals:list"), {"focus_area": huge, "locality": huge,
                                                               "committee": huge, "page": huge})
    assert response.status_code == 200 and "Utegym i Älvängen" in response.content.decode()


def test_a_proposal_whose_period_ran_out_no_longer_says_it_collects_support(org, client_for):
    """Until the hourly task moves it on, the stored status is still "collecting"; the pages read the clock."""
    proposal = make_proposal(org, title="Papperskorgar i Nol", threshold=150, support_count=3,
                             closes_at=timezone.now() - dt.timedelta(minutes=5))
    client = client_for(org)
    page = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "Nådde inte gränsen" in page and "Samlar stöd" not in page and "kvar att stödja" not in page
    assert "Papperskorgar i Nol" not in client.get(reverse("proposals:list"), {"status": "collecting"}).content.decode()
    handling = client.get(reverse("proposals:list"), {"status": "handling"}).content.decode()
    assert "Papperskorgar i Nol" in handling and "Samlar stöd</span>" not in handling
    assert "Papperskorgar i Nol (Nådde inte gränsen)" in client.get(reverse("proposals:feed")).content.decode()


def test_what_happened_and_the_focus_area_page_read_the_clock_too(org):
    """The dialogue's "Vad hände" and the focus-area page say the same as the proposal's own page."""
    process = ProcessFactory(organisation=org)
    area = FocusAreaFactory(plan__organisation=org)
    proposal = make_proposal(org, title="Papperskorgar i Nol", threshold=150, support_count=3, process=process,
                             closes_at=timezone.now() - dt.timedelta(minutes=5))
    proposal.focus_areas.add(area)
    [item] = proposals_of_process(process)
    assert item.stage == "Nådde inte gränsen"
    [listed] = proposals_by_focus_area(org, [area.pk])[area.pk]
    assert listed.outcome.startswith("Nådde inte gränsen") and "Samlar stöd" not in listed.outcome


def test_the_list_tells_how_many_days_each_open_proposal_has_left(org, client_for):
    make_proposal(org, title="Snart slut", closes_at=timezone.now() + dt.timedelta(hours=5))
    make_proposal(org, title="Länge kvar", days_left=10)
    make_proposal(org, title="Besvarat förslag", status=Status.ANSWERED, outcome="done", answer="Klart.")
    page = client_for(org).get(reverse("proposals:list"), {"sort": "newest"}).content.decode()
    assert "1 dag kvar" in page and "10 dagar kvar" in page
    answered = page[page.index("Besvarat förslag"):]
    assert "kvar" not in answered[:answered.index("</li>")]


def test_the_staff_queue_links_each_role_to_the_rules_it_may_open(org, staff, admin_user, client_for):
    staff_page = client_for(org, staff).get(reverse("proposals:staff_queue")).content.decode()
    assert f'href="{reverse("proposals:rules")}"' in staff_page
    assert f'href="{reverse("proposals:staff_rules")}"' not in staff_page
    admin_page = client_for(org, admin_user).get(reverse("proposals:staff_queue")).content.decode()
    assert f'href="{reverse("proposals:staff_rules")}"' in admin_page


def test_an_answered_proposal_says_the_committee_answered_it(org, client_for):
    body = BodyFactory(organisation=org, name="Samhällsbyggnadsnämnden")
    handled = make_proposal(org, status=Status.HANDLING, committee=body)
    answered = make_proposal(org, status=Status.ANSWERED, committee=body, outcome="done", answer="Klart.")
    client = client_for(org)
    assert "Behandlas av Samhällsbyggnadsnämnden." in client.get(
        reverse("proposals:detail", kwargs={"pk": handled.pk})).content.decode()
    page = client.get(reverse("proposals:detail", kwargs={"pk": answered.pk})).content.decode()
    assert "Besvarades av Samhällsbyggnadsnämnden." in page and "Behandlas av" not in page


def test_the_rules_page_writes_large_numbers_with_a_space_and_per_mille_without_zeros(org, admin_user, client_for):
    from radslag.organisations.models import PopulationFigure

    place = LocalityFactory(organisation=org)
    PopulationFigure.objects.create(organisation=org, year=2026, locality=place, age_band="30-44", sex="female",
                                    count=32_145)
    services.save_rules(organisation=org, actor=admin_user, fields={
        "threshold_kind": "per_mille", "threshold_per_mille": 5, "text_max_length": 3000})
    page = client_for(org).get(reverse("proposals:rules")).content.decode()
    assert "5 promille av invånarna (32\xa0145): 161 stöd" in page and "högst 3\xa0000 tecken" in page


def test_writing_a_too_long_title_and_text_tells_both_at_once(org, client_for):
    response = client_for(org, verified_resident(org)).post(reverse("proposals:create"), {
        "title": "x" * 200, "text": "ord " * 1000, "tie": "resident", "action": "submit"})
    errors = response.context["form"].errors
    assert response.status_code == 400 and "title" in errors and "text" in errors
    assert not Proposal.objects.exists()


def test_the_optional_choices_say_none_in_swedish_rather_than_dashes(org, staff, client_for):
    writing = client_for(org, verified_resident(org)).get(reverse("proposals:create")).content.decode()
    assert "Ingen dialog" in writing and "---------" not in writing
    proposal = make_proposal(org, status=Status.PERIOD_ENDED)
    answering = client_for(org, staff).get(reverse("proposals:staff_proposal", kwargs={"pk": proposal.pk}))
    assert "Inget beslut" in answering.content.decode() and "---------" not in answering.content.decode()


def test_an_empty_update_asks_for_the_text_instead_of_naming_the_length_limit(org, client_for):
    proposer = verified_resident(org)
    proposal = make_proposal(org, proposer=proposer)
    page = client_for(org, proposer).post(reverse("proposals:post_update", kwargs={"pk": proposal.pk}),
                                          {"text": "  "}, follow=True).content.decode()
    assert "Skriv nyheten innan du publicerar den." in page and "högst 2" not in page
    assert not proposal.updates.exists()


def test_on_english_pages_the_residents_swedish_words_are_marked_swedish(org, client_for):
    """A screen reader reads a Swedish proposal title with Swedish pronunciation on the English pages."""
    area = FocusAreaFactory(plan__organisation=org, name="Medskapande invånare", name_en="Co-creating residents")
    proposal = make_proposal(org, title="Utegym i Älvängen", text="Ett utegym vid älven.\n\nGärna med belysning.")
    proposal.focus_areas.add(area)
    client = client_for(org)
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("proposals:list")).content.decode()
    assert '<span lang="sv">Utegym i Älvängen</span>' in listing
    assert ">Co-creating residents</option>" in listing
    page = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert '<h1><span lang="sv">Utegym i Älvängen</span></h1>' in page
    assert '<div lang="sv"><p>Ett utegym vid älven.</p>' in page
    assert '<span class="tag">Co-creating residents</span>' in page
    client.cookies["django_language"] = "sv"
    swedish = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "<h1>Utegym i Älvängen</h1>" in swedish and 'lang="sv">Utegym' not in swedish


def test_a_proposal_written_in_arabic_is_marked_arabic_right_to_left(org, client_for):
    title, text = "ملعب رياضي في الهواء الطلق", "نريد ملعبا بجانب النهر مع إضاءة في المساء."
    proposal = make_proposal(org, title=title, text=text)
    page = client_for(org).get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert f'<h1><span lang="ar" dir="rtl">{title}</span></h1>' in page
    assert f'<div lang="ar" dir="rtl"><p>{text}</p>' in page
