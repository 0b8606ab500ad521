"""The demo reads like a municipality's records: what a decision rests on existed before it, every trail runs
forward in time, decisions and decision bases name meetings the body really held, the demo resident's own
contributions show what the trail is for, and young council members are not named in public.

The demo is loaded once for the class (it takes a while); each test only reads it.
"""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import User
from radslag.contributions.models import Contribution
from radslag.councils.models import Council, CouncilMember
from radslag.decisionbasis.models import BasisVersion
from radslag.demo.logins import DEMO_LOGINS
from radslag.dialogues.models import Activity
from radslag.feedback.trail import trails
from radslag.governance.models import BodyMeeting, Decision, DecisionLink
from radslag.organisations.models import Organisation
from radslag.reports.models import CompilationVersion
from radslag.themes.models import Theme
from radslag.voting.models import Ballot
from radslag.workgroups.models import WorkingGroup


def day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


class DemoRecordsTests(TestCase):
    ale: Organisation

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.ale = Organisation.objects.get(slug="ale")

    def basis_links(self, kind: str) -> list[DecisionLink]:
        return list(DecisionLink.objects.filter(decision__organisation=self.ale, kind=kind,
                                                role=DecisionLink.Role.BASIS).select_related("decision"))

    def test_a_decision_rests_only_on_a_compilation_published_before_it(self):
        links = self.basis_links("compilation")
        assert links, "the board's decision of 2020 rests on the compilation"
        for link in links:
            version = CompilationVersion.objects.select_related("compilation").get(pk=link.object_id)
            assert day(version.published_at) < link.decision.decided_on, (link.decision, version.published_at)
            # ... and the compilation itself was made after everything it gathers.
            process = version.compilation.process
            latest_input = max(c.time_given for c in Contribution.objects.filter(process=process))
            latest_activity = max(a.ends_at for a in Activity.objects.filter(process=process))
            assert max(latest_input, latest_activity) < version.published_at
            assert version.compilation.created_at <= version.published_at

    def test_themes_and_votes_a_decision_rests_on_existed_before_it(self):
        themes, votes = self.basis_links("theme"), self.basis_links("ballot")
        assert themes and votes
        for link in themes:
            assert day(Theme.objects.get(pk=link.object_id).created_at) < link.decision.decided_on
        for link in votes:
            assert day(Ballot.objects.get(pk=link.object_id).opens_at) < link.decision.decided_on

    def test_every_decision_on_a_contributions_trail_comes_on_or_after_the_contribution(self):
        contributions = Contribution.objects.filter(organisation=self.ale).select_related("process")
        checked = 0
        for trail in trails(contributions):
            given = day(trail.contribution.time_given)
            decisions = [d for step in trail.steps for d in step.decisions] + trail.outcome
            late = [f"{d.registration_number} {d.decided_on}" for d in decisions if d.decided_on < given]
            assert not late, (trail.contribution.external_id, given, late)
            checked += bool(decisions)
        assert checked > 300, "most of Ale i 360 grader's input leads to a decision"

    def test_every_decision_and_decision_basis_names_a_day_its_body_met(self):
        meetings = set(BodyMeeting.objects.filter(organisation=self.ale).values_list("body", "date"))
        decisions = Decision.objects.filter(organisation=self.ale)
        assert decisions.count() >= 6
        for decision in decisions:
            assert (decision.body_id, decision.decided_on) in meetings, decision
        sent = BasisVersion.objects.filter(basis__organisation=self.ale, meeting_date__isnull=False)
        assert sent.exists()
        for version in sent:
            assert (version.committee_id, version.meeting_date) in meetings, version
        assert all(date.weekday() < 5 for _body, date in meetings), "committees do not meet at weekends"

    def test_the_current_dialogues_committee_meets_while_the_dialogue_says_it_decides(self):
        process = self.ale.processes.get(slug="motesplatser-nodinge")
        deciding = process.phases.get(name="Beslut i nämnden")
        assert BodyMeeting.objects.filter(body=process.deciding_body, date__range=(deciding.starts, deciding.ends))

    def test_the_demo_resident_sees_an_answered_trail_and_contributions_waiting_for_an_answer(self):
        login = next(login for login in DEMO_LOGINS if login.key == "resident")
        self.client.force_login(User.objects.get(email=login.email))
        response = self.client.get(reverse("feedback:my_contributions"))
        assert response.status_code == 200
        shown = response.context["trails"]
        whole = [t for t in shown if any(step.answer and step.decisions for step in t.steps)]
        assert whole, "one trail runs contribution → theme → published answer → decision"
        assert all(step.answer.published_at for t in whole for step in t.steps if step.answer)
        assert any(not t.answered for t in shown), "one contribution still waits for its answer"
        page = response.content.decode()
        decision = next(d for step in whole[0].steps for d in step.decisions)
        assert decision.title in page and "Inspelet har inte placerats i något tema ännu." in page

    def test_young_members_of_the_youth_council_are_not_named_in_public(self):
        youth = Council.objects.get(organisation=self.ale, kind=Council.Kind.YOUTH)
        shown = youth.members.filter(show_publicly=True)
        assert set(shown.values_list("role", flat=True)) <= {CouncilMember.Role.SECRETARY}
        page = self.client.get(reverse("councils:council", kwargs={"council_slug": youth.slug})).content.decode()
        young = youth.members.exclude(role=CouncilMember.Role.SECRETARY)
        assert young.exists() and not any(member.name in page for member in young)

    def test_the_expedition_group_meets_when_and_where_the_dialogue_says_it_does(self):
        """The group's space and the dialogue's activity list name the same four evenings, place and angle."""
        group = WorkingGroup.objects.get(organisation=self.ale, slug="expeditionsgruppen")
        activities = Activity.objects.filter(process=group.process, kind=Activity.Kind.GROUP_SESSION)
        held = {(activity.starts_at, activity.place) for activity in activities}
        meetings = list(group.meetings.order_by("number"))
        assert len(meetings) == 4 and {(m.starts_at, m.place) for m in meetings} == held
        for meeting in meetings:
            activity = activities.get(starts_at=meeting.starts_at)
            assert meeting.title.lower() in activity.title.lower()
