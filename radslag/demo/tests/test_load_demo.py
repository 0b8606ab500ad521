"""The demo municipality: its shape, its sign-ins, and that loading is idempotent and resettable."""

from io import StringIO
from itertools import pairwise

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from radslag.accounts.models import Membership, User
from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution
from radslag.demo.logins import DEMO_LOGINS
from radslag.dialogues.models import Activity, DialogueProcess, Phase, ProcessUpdate, Table
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.middleware import resolve_organisation
from radslag.organisations.models import Body, Locality, Organisation, PopulationFigure
from radslag.panels.models import Channel, PanelMember

FOCUS_AREAS = [
    "Hållbar konsumtion och produktion",
    "Hållbart samhällsbyggande",
    "Lust att lära",
    "Medskapande invånare",
    "Minskad klimatpåverkan och ett fossilfritt samhälle",
    "Sysselsättning för alla",
    "Underlätta vardagen",
]
COUNTED = (Organisation, Locality, Body, PopulationFigure, FocusArea, Decision, DialogueProcess, Phase,
           ProcessUpdate, Activity, Table, Contribution, User, Membership, EmailAddress, AuditEvent, PanelMember)


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo(db):
    load()
    return Organisation.objects.get(slug="ale")


def test_demo_is_the_default_site_with_the_seven_focus_areas(demo):
    assert demo.hostname == ""
    assert resolve_organisation("127.0.0.1:8000") == demo
    assert demo.privacy_notice and demo.contact_email
    assert list(FocusArea.objects.filter(organisation=demo).values_list("name", flat=True)) == FOCUS_AREAS
    total = PopulationFigure.objects.filter(organisation=demo).aggregate(total=Sum("count"))["total"]
    assert 30_000 <= total <= 34_000
    decision = Decision.objects.get(organisation=demo, decided_on="2019-06-17")
    assert "Det mänskliga mötet" in decision.title and decision.registration_number.startswith("KS 2019/")


def test_phases_are_in_order_and_never_end_before_they_start(demo):
    ale360 = DialogueProcess.objects.get(organisation=demo, slug="ale-i-360-grader")
    assert [phase.name for phase in ale360.phases.all()] == [
        "Intervjuer", "Perspektivsammanställning", "Prioritering", "Fullmäktiges beslut", "Dialogkväll",
        "Expeditionsgruppen", "Avslutning",
    ]
    for process in DialogueProcess.objects.filter(organisation=demo):
        phases = list(process.phases.all())
        assert all(phase.ends >= phase.starts for phase in phases)
        assert all(earlier.ends <= later.starts for earlier, later in pairwise(phases))
    evening = ale360.activities.get(kind=Activity.Kind.DIALOGUE_EVENING)
    assert evening.tables.count() == 12 and not evening.tables.filter(host_name="").exists()
    assert ale360.activities.filter(kind=Activity.Kind.GROUP_SESSION).count() == 4


def test_current_process_is_open_now_with_a_dialogue_evening_to_register_for(demo):
    current = DialogueProcess.objects.get(organisation=demo, slug="motesplatser-nodinge")
    today = timezone.localdate()
    assert current.status == DialogueProcess.Status.PUBLISHED and current.accepts_online_input
    assert current.missing_for_publication() == []
    assert current.current_phase(today) is not None
    evening = current.activities.get(kind=Activity.Kind.DIALOGUE_EVENING)
    assert evening.starts_at > timezone.now() and evening.registration_required and evening.capacity == 40
    draft = DialogueProcess.objects.get(organisation=demo, status=DialogueProcess.Status.DRAFT)
    assert "feedback_plan" in draft.missing_for_publication()


def test_contributions_span_channels_localities_and_statuses(demo):
    contributions = Contribution.objects.filter(organisation=demo)
    assert contributions.count() >= 300
    assert contributions.values("channel").distinct().count() >= 4
    assert contributions.exclude(locality=None).values("locality").distinct().count() >= 6
    statuses = set(contributions.values_list("status", flat=True))
    assert statuses == {"published", "pending", "hidden"}
    assert not contributions.filter(status="hidden", hidden_rule="").exists()
    assert contributions.filter(created_at__year=2018, channel="interview").exists()
    assert contributions.filter(focus_areas__isnull=False).distinct().count() > 300


def test_every_demo_login_signs_in_with_its_printed_password(demo):
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert Membership.objects.filter(user=user, organisation=demo, role=login.role).exists()
        assert EmailAddress.objects.filter(user=user, email=login.email, verified=True, primary=True).exists()
        assert Client().login(email=login.email, password=login.password), login.email
    host = User.objects.get(email="bordsvard@ale.example")
    assert Table.objects.filter(host=host, activity__starts_at__gt=timezone.now()).exists()


def test_loading_twice_changes_nothing(demo):
    before = row_counts()
    output = load()
    assert "finns redan" in output
    assert row_counts() == before
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1


def test_the_citizen_panel_has_members_recruited_both_ways_and_the_demo_resident(demo):
    members = PanelMember.objects.active().filter(panel__organisation=demo)
    channels = set(members.values_list("channel", flat=True))
    assert members.count() > 100 and channels == {Channel.SELF_SIGNUP, Channel.POSTAL_INVITATION}
    resident = next(login for login in DEMO_LOGINS if login.key == "resident")
    assert members.filter(user__email=resident.email).exists()


def test_reset_reloads_the_demo_and_keeps_the_audit_trail(demo):
    before = row_counts()
    old_process = DialogueProcess.objects.get(organisation=demo, slug="motesplatser-nodinge").pk
    Contribution.objects.filter(organisation=demo)[:1].get().delete()
    load("--reset")
    after = row_counts()
    # The old trail stays untouched and the reload writes its own events again (the seeds use
    # the real services, which log): exactly twice as many, two of them "demo.loaded".
    assert after.pop("AuditEvent") == 2 * before.pop("AuditEvent")
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 2
    assert after == before
    assert not DialogueProcess.objects.filter(pk=old_process).exists()
    assert Organisation.objects.get(slug="ale").pk == demo.pk


def test_print_demo_logins_lists_address_and_every_role(demo, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.delenv("RADSLAG_STAFF_MFA", raising=False)
    out = StringIO()
    call_command("print_demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123" in text
    for login in DEMO_LOGINS:
        assert login.email in text and login.password in text
    assert "http://ghanzi.localhost:8123" in text and "planerare@ghanzi.example" in text
    assert "avstängd" in text


def test_print_demo_logins_says_when_staff_mfa_is_on(db, monkeypatch):
    monkeypatch.setenv("RADSLAG_STAFF_MFA", "true")
    out, err = StringIO(), StringIO()
    call_command("print_demo_logins", stdout=out, stderr=err)
    assert "TOTP" in out.getvalue()
    assert "load_demo" in err.getvalue()


def test_loading_keeps_the_storys_mail_out_of_the_terminal(transactional_db, settings, tmp_path, capsys, caplog):
    """`make run` prints the demo logins right after loading: the mails the story sends to residents go to
    files, not to the console backend, and the task queue logs no line per mail."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.VAR_DIR = tmp_path
    caplog.set_level("INFO")
    said = load()
    printed = capsys.readouterr().out
    assert "Content-Type:" not in printed and "List-Unsubscribe" not in printed
    assert not [r for r in caplog.records if r.name == "celery.app.trace"]
    kept = list((tmp_path / "demo-mail").iterdir())
    assert kept, "the story's mail is kept, in files"
    assert "List-Unsubscribe-Post" in kept[0].read_text(encoding="utf-8")
    assert str(tmp_path / "demo-mail") in said
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
