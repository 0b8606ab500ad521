"""The citizen panel: joining by oneself or with a letter's code, leaving, staff pages and invitations."""

import csv
import io

import pytest

from radslag.accounts.models import Role, User
from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from radslag.panels import services
from radslag.panels.make_up import make_up
from radslag.panels.models import Channel, Panel, PanelMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(org, staff):
    return services.save_panel(organisation=org, actor=staff, fields={
        "name": "Medborgarpanelen", "description": "Tre enkäter om året, tio minuter var.", "open_for_signup": True})


@pytest.fixture
def verified(org):
    return user_with_role(org, Role.RESIDENT, email="panel@example.se", verification_level=User.Verification.EMAIL)


def test_a_resident_joins_by_themselves_and_leaves_again(client_for, org, panel, verified):
    nol = LocalityFactory(organisation=org, name="Nol")
    client = client_for(org, verified)
    page = client.get("/medborgarpanel/").content.decode()
    assert "Tre enkäter om året" in page and "Gå med i panelen" in page
    response = client.post("/medborgarpanel/", {"action": "join", "age_band": "30-44", "sex": "female",
                                                "locality": nol.pk})
    assert response.status_code == 302
    member = PanelMember.objects.get(user=verified)
    assert (member.channel, member.age_band, member.locality) == (Channel.SELF_SIGNUP, "30-44", nol)
    assert "Du är med i panelen" in client.get("/medborgarpanel/").content.decode()
    again = client.post("/medborgarpanel/", {"action": "join"})
    assert again.status_code == 302 and PanelMember.objects.filter(user=verified).count() == 1
    with pytest.raises(DomainError, match="redan med"):
        services.join_panel(panel=panel, user=verified)
    client.post("/medborgarpanel/", {"action": "leave"})
    member.refresh_from_db()
    assert member.left_at is not None and (member.age_band, member.sex, member.locality) == ("", "", None)
    assert AuditEvent.objects.filter(action="panel.left").exists()
    services.join_panel(panel=panel, user=verified)  # and may join again later
    assert PanelMember.objects.active().filter(user=verified).count() == 1


def test_an_invitation_code_records_the_postal_channel_once(org, staff, panel, verified):
    batch = services.create_invitations(panel=panel, user=staff, count=3, label="Slumpurval mars")
    letters = services.invitation_letters(batch=batch, user=staff)
    assert [number for number, _code, _used in letters] == [1, 2, 3] and len({c for _n, c, _u in letters}) == 3
    member = services.join_panel(panel=panel, user=verified, code=letters[1][1].lower())
    assert member.channel == Channel.POSTAL_INVITATION and member.invitation.number == 2
    other = user_with_role(org, Role.RESIDENT, email="granne@example.se", verification_level=1)
    with pytest.raises(DomainError, match="redan använd"):
        services.join_panel(panel=panel, user=other, code=letters[1][1])
    with pytest.raises(DomainError, match="hör inte till någon inbjudan"):
        services.join_panel(panel=panel, user=other, code="ABCDE-FGHJK")
    assert services.invitation_letters(batch=batch, user=staff)[1][2] is True


def test_an_invitation_only_panel_and_an_unverified_account_are_refused(org, staff, panel, verified):
    Panel.objects.filter(pk=panel.pk).update(open_for_signup=False)
    panel.refresh_from_db()
    with pytest.raises(DomainError, match="bara emot nya medlemmar genom inbjudan"):
        services.join_panel(panel=panel, user=verified)
    unverified = user_with_role(org, Role.RESIDENT, email="ny@example.se", verification_level=0)
    with pytest.raises(DomainError, match="Bekräfta din e-postadress"):
        services.join_panel(panel=panel, user=unverified)
    assert not PanelMember.objects.exists()


def test_staff_see_the_make_up_beside_the_population_and_download_the_letters(client_for, org, staff, panel):
    nol, surte = (LocalityFactory(organisation=org, name=name) for name in ("Nol", "Surte"))
    for locality, count in ((nol, 800), (surte, 200)):
        PopulationFigure.objects.create(organisation=org, year=2025, locality=locality, age_band="30-44",
                                        sex="female", count=count)
    for n in range(10):
        person = user_with_role(org, Role.RESIDENT, email=f"m{n}@example.se", verification_level=1)
        services.join_panel(panel=panel, user=person, age_band="30-44", locality=nol)
    tables = {str(table.caption): table for table in make_up(panel)}
    places = {str(row.label): row for row in tables["Ort"].rows}
    assert (places["Nol"].count, places["Nol"].share, places["Nol"].population_share) == (10, 100, 80)
    assert places["Surte"].under_represented and not places["Nol"].under_represented
    client = client_for(org, staff)
    page = client.get("/personal/medborgarpanel/").content.decode()
    assert "10 medlemmar" in page and "Underrepresenterad" in page
    client.post("/personal/medborgarpanel/inbjudningar/", {"label": "Slumpurval april", "count": "5"})
    batch = panel.invitation_batches.get()
    response = client.get(f"/personal/medborgarpanel/inbjudningar/{batch.pk}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["brev", "kod", "adress", "använd"] and len(rows) == 6
    assert rows[1][2].endswith("/medborgarpanel/")
    assert AuditEvent.objects.filter(action="panel.invitations_printed").exists()


def test_residents_and_other_municipalities_cannot_reach_the_staff_pages(client_for, org, other_org, panel,
                                                                         resident, staff):
    assert client_for(org, resident).get("/personal/medborgarpanel/").status_code == 403
    batch = services.create_invitations(panel=panel, user=staff, count=1, label="Brev")
    neighbour = user_with_role(other_org, Role.STAFF, email="personal@granne.example.se")
    assert client_for(other_org, neighbour).get(f"/personal/medborgarpanel/inbjudningar/{batch.pk}.csv").status_code \
        == 404
    assert client_for(other_org).get("/medborgarpanel/").status_code == 404


def test_under_sixteen_is_not_offered_and_is_refused(client_for, org, panel, verified):
    page = client_for(org, verified).get("/medborgarpanel/").content.decode()
    assert "16–19 år" in page and "0–15 år" not in page
    with pytest.raises(DomainError, match="16 år eller äldre"):
        services.join_panel(panel=panel, user=verified, age_band="0-15")


def test_leaving_drops_the_link_to_the_invitation_letter_and_a_second_leave_is_harmless(
    client_for, org, staff, panel, verified
):
    batch = services.create_invitations(panel=panel, user=staff, count=1, label="Brev")
    code = services.invitation_letters(batch=batch, user=staff)[0][1]
    member = services.join_panel(panel=panel, user=verified, code=code)
    services.leave_panel(member=member, actor=verified)
    member.refresh_from_db()
    assert member.invitation is None and member.channel == Channel.POSTAL_INVITATION
    with pytest.raises(DomainError, match="redan lämnat"):
        services.leave_panel(member=member, actor=verified)


def test_a_municipality_has_one_panel(org, staff, panel):
    with pytest.raises(DomainError, match="redan en medborgarpanel"):
        services.save_panel(organisation=org, actor=staff, fields={"name": "Panel 2", "description": "x"})
    assert Panel.objects.filter(organisation=org).count() == 1


def test_a_mailing_without_a_name_or_letters_is_refused_beside_the_fields(client_for, org, staff, panel):
    response = client_for(org, staff).post("/personal/medborgarpanel/inbjudningar/", {"label": "", "count": "0"})
    html = response.content.decode()
    assert response.status_code == 400 and 'class="error-summary"' in html
    assert 'href="#id_label"' in html and 'href="#id_count"' in html
    assert not panel.invitation_batches.exists()


def test_make_up_shares_round_halves_up():
    """Staff see exact counts; 1 of 8 is 12.5 %, shown as 13 % (not 12 as Python's round() gives)."""
    from collections import Counter

    from radslag.panels.make_up import _table

    table = _table("Test", Counter({"a": 1, "b": 7}), [("a", "A"), ("b", "B")], None)
    assert [(row.count, row.share) for row in table.rows] == [(1, 13), (7, 88)]
