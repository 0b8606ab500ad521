"""The contributions endpoint: published input only, the published wording, and nothing about the person."""

import pytest

from radslag.accounts.tests.factories import UserFactory
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.tests.factories import FocusAreaFactory
from radslag.organisations.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db

URL = "/api/processes/motesplatser/contributions"


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="motesplatser")


def test_only_published_contributions_appear(process, org, client_for):
    ContributionFactory(process=process, body="Bygg en skatepark vid Ale torg.")
    ContributionFactory(process=process, body="Väntar på granskning", status=Contribution.Status.PENDING)
    ContributionFactory(process=process, body="Dold av moderator", status=Contribution.Status.HIDDEN)

    body = client_for(org).get(URL).json()

    assert body["count"] == 1
    assert [item["text"] for item in body["items"]] == ["Bygg en skatepark vid Ale torg."]


def test_the_published_wording_replaces_the_original(process, org, client_for):
    ContributionFactory(
        process=process, body="Kalle Svensson på Nolvägen 3 stör alla.", published_body="[namn borttaget] stör alla."
    )

    text = client_for(org).get(URL).json()["items"][0]["text"]

    assert text == "[namn borttaget] stör alla."


def test_no_personal_or_moderation_fields_are_exposed(process, org, staff, client_for):
    author = UserFactory(email="anna.andersson@example.se", display_name="Anna Andersson")
    ContributionFactory(
        process=process, author=author, entered_by=staff, age_band="20-29", sex="female", relation="lives",
        moderated_by=staff, moderation_note="Granskad, ok", external_id="lapp-17",
        locality=LocalityFactory(organisation=org, name="Älvängen"), channel=Channel.SLIP, language="sv",
    )

    response = client_for(org).get(URL)
    item = response.json()["items"][0]

    assert set(item) == {"id", "text", "channel", "created_at", "locality", "language", "focus_areas"}
    assert item["locality"] == "Älvängen"
    assert item["channel"] == "slip"
    for secret in ("anna.andersson", "Anna Andersson", staff.email, "Granskad", "lapp-17", "female", "20-29"):
        assert secret not in response.content.decode()


def test_the_language_published_is_the_texts_own_not_the_forms(process, org, client_for):
    ContributionFactory(process=process, language="sv",
                        body="Basaska aad ayay u yar yihiin, taasina ma wanaagsana annaga oo halkan ku nool.")
    ContributionFactory(process=process, language="sv", body="الحافلات نادرة جدا وهذا ليس جيدا لنا")
    ContributionFactory(process=process, language="sv", body="Fler bussar till Nödinge, tack.")
    ContributionFactory(process=process, language="en", body="More buses to Nödinge, please.")
    ContributionFactory(process=process, language="", body="Mer lekplatser i Nödinge")  # a slip typed in by staff

    items = client_for(org).get(URL).json()["items"]

    assert sorted(item["language"] for item in items) == ["ar", "en", "so", "sv", "sv"]


def test_contributions_carry_their_focus_area_slugs(process, org, client_for):
    area = FocusAreaFactory(organisation=org, plan__organisation=org, slug="lust-att-lara")
    ContributionFactory(process=process).focus_areas.add(area)

    item = client_for(org).get(URL).json()["items"][0]

    assert item["focus_areas"] == ["lust-att-lara"]


def test_pagination_walks_newest_first(process, org, client_for):
    made = ContributionFactory.create_batch(7, process=process)
    client = client_for(org)

    first = client.get(URL, {"limit": 5}).json()
    second = client.get(URL, {"limit": 5, "offset": 5}).json()

    assert first["count"] == 7
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert ids == sorted((c.pk for c in made), reverse=True)


def test_a_limit_above_100_is_refused(process, org, client_for):
    response = client_for(org).get(URL, {"limit": 101})

    assert response.status_code == 422


def test_query_count_is_constant(process, org, client_for, django_assert_max_num_queries):
    areas = FocusAreaFactory.create_batch(2, organisation=org, plan__organisation=org)
    locality = LocalityFactory(organisation=org)
    for contribution in ContributionFactory.create_batch(40, process=process, locality=locality):
        contribution.focus_areas.add(*areas)
    client = client_for(org)

    with django_assert_max_num_queries(5):
        response = client.get(URL, {"limit": 40})

    assert len(response.json()["items"]) == 40
