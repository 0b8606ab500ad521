"""The demo's planning project: Ale's municipal partnership with Ghanzi District Council (Botswana).

Ghanzi is a second organisation with its own host name (`ghanzi.localhost`, admitted by the default
ALLOWED_HOSTS, so `make run` serves it) and one planner of its own, who leads the project there. The
content is a small LFA analysis written for the demo: a problem tree about residents' weak influence on local decisions,
its mirrored objective tree with each problem rewritten as the state the partners want, stakeholders,
context factors, a logframe with dated activities, and risks. Swedish and English as the partnership
writes them; a few English versions are left out on purpose, so that "translation missing" shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress

from radslag.accounts.models import Membership, Role, User
from radslag.demo.seed.context import DemoContext
from radslag.organisations.models import Organisation
from radslag.planning import services, trees, workshops
from radslag.planning.models import Project, ProjectMember, ProjectRole, TreeNode

GHANZI_SLUG = "ghanzi"
GHANZI_HOST = "ghanzi.localhost"
GHANZI_PLANNER = ("planerare@ghanzi.example", "ghanzi-plan-2031", "Boitumelo Sebele")

# Each statement of the problem tree with the desired state the group turned it into in the objective
# tree: (Swedish, English, objective in Swedish, objective in English).
PROBLEM = ("Invånarna har svårt att påverka lokala beslut", "Residents find it hard to influence local decisions",
           "Invånarna påverkar de lokala beslut som rör dem",
           "Residents influence the local decisions that affect them")
CAUSES = (  # (parent index or None for the core, Swedish, English, objective in Swedish, objective in English)
    (None, "Dialogens resultat når inte fram till de förtroendevalda",
     "Results of dialogue do not reach elected members",
     "Dialogens resultat når de förtroendevalda och används i besluten",
     "Results of dialogue reach elected members and are used in decisions"),
    (0, "Det finns ingen rutin för att återkoppla till deltagarna", "There is no routine for feedback to participants",
     "En fast rutin ger deltagarna återkoppling", "A set routine gives participants feedback"),
    (0, "Tjänstepersonerna saknar metoder för att sammanställa synpunkter",
     "Officers lack methods for compiling views",
     "Tjänstepersonerna har metoder för att sammanställa synpunkter", "Officers have methods for compiling views"),
    (None, "Mötena når få unga och få i byarna långt från centrum",
     "Meetings reach few young people and few in outlying settlements",
     "Mötena når unga och invånare i byarna långt från centrum",
     "Meetings reach young people and residents of outlying settlements"),
    (3, "Mötena hålls på dagtid och långt från byarna", "Meetings are held in daytime and far from the settlements",
     "Mötena hålls på kvällstid, i byarna och via mobilen",
     "Meetings are held in the evening, in the settlements and by phone"),
)
EFFECTS = (
    (None, "Lågt förtroende för kommunen och distriktsrådet", "Low trust in the municipality and the district council",
     "Större förtroende för kommunen och distriktsrådet", "Greater trust in the municipality and the district council"),
    (0, "Få deltar nästa gång de bjuds in", "", "Fler deltar nästa gång de bjuds in", ""),
    (None, "Beslut som inte passar invånarnas vardag", "Decisions that do not fit residents' everyday lives",
     "Beslut som passar invånarnas vardag", "Decisions that fit residents' everyday lives"),
)
STAKEHOLDERS = (
    ("Distriktsrådets ledamöter", "Councillors of the district council", 4, 5, "Bättre beslutsunderlag",
     "Better grounds for decisions", "Tid i ett redan fullt schema", "Time in an already full schedule",
     "Tar emot resultaten och svarar på dem", "Receive the results and answer them"),
    ("Byarnas traditionella ledare (kgosi)", "Traditional village leaders (kgosi)", 4, 4,
     "Starkare röst för byarna", "A stronger voice for the settlements", "Delar av sin roll som förmedlare",
     "Part of their role as go-between", "Sammankallar kgotla-möten", "Convene kgotla meetings"),
    ("Unga i Ghanzi och Ale", "Young people in Ghanzi and Ale", 5, 1, "Att bli lyssnade på", "Being listened to",
     "", "", "Deltar i workshoppar och på nätet", "Take part in workshops and online"),
    ("Ales kommunstyrelse", "Ale's executive board", 3, 5, "Erfarenhet från partnerskapet",
     "Experience from the partnership", "", "", "Beslutar om Ales del av projektet", "Decides Ale's part"),
)
FACTORS = (
    ("political", "Lokalval 2029 i båda länderna", "Local elections in 2029 in both countries",
     "Nya förtroendevalda kan behöva introduktion till arbetssättet.",
     "New elected members may need an introduction to the way of working.", "Valmyndigheterna"),
    ("social", "Långa avstånd mellan byarna i Ghanzi", "Long distances between settlements in Ghanzi",
     "Många bor flera timmars resa från distriktets centrum.",
     "Many live several hours' travel from the district centre.", "Ghanzi District Council"),
    ("technological", "Mobiltäckning i de flesta byar", "Mobile coverage in most settlements",
     "Mobilen når fler än datorn; enkla sidor fungerar på svag uppkoppling.", "", "Partnerskapets kartläggning"),
    ("strength", "Ale har beprövade metoder för dialog", "Ale has tried methods for dialogue",
     "Ale i 360 grader och expeditionsgruppen gav erfarenhet att dela.",
     "Ale in 360 degrees and the expedition group gave experience to share.", "Ale kommun"),
    ("threat", "Osäker finansiering efter projekttiden", "Uncertain funding after the project period",
     "Arbetssättet måste rymmas i ordinarie budget.", "The way of working must fit the regular budget.",
     "ICLD"),
)
LOGFRAME = (  # level, sv, en, indicators sv, indicators en, verification, assumptions, (start, end) or None
    ("goal", "Invånarna i Ghanzi och Ale påverkar de beslut som rör deras vardag",
     "Residents of Ghanzi and Ale influence the decisions that affect their everyday lives",
     "Andel invånare som anser att de kan påverka", "Share of residents who feel they can influence",
     "Enkät i båda kommunerna", "Politisk vilja består efter valet", None),
    ("purpose", "Båda organisationerna har principer och rutiner för medborgardialog",
     "Both organisations have principles and routines for citizen dialogue",
     "Antagna principer i båda råden", "Principles adopted by both councils", "Protokoll",
     "Ledningen avsätter tid", None),
    ("result", "Ghanzis projektgrupp har egna principer för dialog", "Ghanzi's project group has its own principles",
     "Principer skrivna och prövade", "Principles written and tried", "Projektrapport", "", None),
    ("activity", "Gemensam workshop om problem- och målträd", "Joint workshop on problem and objective trees",
     "", "", "Workshopdokumentation", "Resor kan genomföras", (120, 124)),
    ("activity", "Pilotdialog i två byar", "Pilot dialogue in two settlements", "", "", "Mötesanteckningar",
     "Kgosi ställer upp", (150, 210)),
    ("activity", "Återkopplingsmöte och utvärdering", "", "", "", "Utvärderingsrapport", "", (230, 240)),
)
RISKS = (
    ("Valet ändrar den politiska majoriteten", "The election changes the political majority", 3, 4,
     "Förankra principerna brett över partigränser", "Anchor the principles across party lines",
     "Kommundirektören i Ale"),
    ("Resor blir dyrare eller ställs in", "Travel becomes dearer or is cancelled", 2, 3,
     "Håll workshoppar i två rum samtidigt med delad skärm", "", "Projektledaren i Ghanzi"),
    ("Unga deltar inte", "Young people do not take part", 3, 3, "Möten på kvällstid och via mobilen",
     "Evening meetings and phone participation", "Ungdomsrådet och projektgruppen"),
)


def load_planning(context: DemoContext) -> None:
    ale = context.organisation
    ghanzi = _ghanzi()
    planner = _planner(ghanzi)
    Project.objects.filter(owners=ale).delete()
    lead = context.users["staff"]
    project = services.create_project(
        organisation=ale, actor=lead, title_sv="Styrning med medborgardialog – Ale och Ghanzi",
        title_en="Governance with citizen dialogue – Ale and Ghanzi",
        summary_sv="Ett kommunalt partnerskap där Ale kommun och Ghanzi District Council tillsammans "
                   "analyserar varför invånarna har svårt att påverka och planerar hur det kan ändras.",
        summary_en="A municipal partnership in which Ale and Ghanzi District Council together analyse why "
                   "residents find it hard to have a say, and plan how to change it.")
    services.add_owner(project=project, actor=lead, organisation=ale, partner_slug=GHANZI_SLUG,
                       lead_email=planner.email)
    ProjectMember.objects.create(project=project, user=context.users["admin"], organisation=ale,
                                 role=ProjectRole.MEMBER)
    if "official" in context.users:
        ProjectMember.objects.create(project=project, user=context.users["official"], organisation=ale,
                                     role=ProjectRole.READER)
    objectives = _tree(project, lead, ale)
    trees.mirror_problem_tree(project=project, actor=lead, organisation=ale)
    _reword_objectives(project, planner, ghanzi, objectives)
    _items(project, lead, planner, ale, ghanzi, context.today)
    workshop = workshops.open_workshop(project=project, actor=planner, organisation=ghanzi,
                                       title="Problem tree in the kgotla", board="problem")
    workshops.submit_suggestion(code=workshop.code, kind="cause", language="en",
                                text="Notices of meetings arrive too late by radio")


def _ghanzi() -> Organisation:
    ghanzi, _created = Organisation.objects.get_or_create(slug=GHANZI_SLUG, defaults={
        "name": "Ghanzi District Council", "hostname": GHANZI_HOST, "default_language": "en"})
    return ghanzi


def _planner(ghanzi: Organisation) -> User:
    email, password, name = GHANZI_PLANNER
    User.objects.filter(email=email).delete()
    user = User(email=email, display_name=name, verification_level=User.Verification.EMAIL)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=ghanzi, role=Role.STAFF)
    return user


def _tree(project: Project, lead: Any, ale: Organisation) -> dict[int, tuple[str, str]]:
    """The problem tree; returns each problem's desired state (Swedish, English) by the problem's id."""
    objectives: dict[int, tuple[str, str]] = {}

    def add(kind: str, parent: Any, sv: str, en: str, objective_sv: str, objective_en: str) -> Any:
        node = trees.add_node(project=project, actor=lead, organisation=ale, tree="problem", kind=kind,
                              parent=parent, text_sv=sv, text_en=en)
        objectives[node.pk] = (objective_sv, objective_en)
        return node

    core = add("core", None, *PROBLEM)
    for kind, rows in (("cause", CAUSES), ("effect", EFFECTS)):
        made: list[Any] = []
        for parent, *texts in rows:
            made.append(add(kind, core if parent is None else made[parent], *texts))
    return objectives


def _reword_objectives(project: Project, planner: Any, ghanzi: Organisation,
                       objectives: dict[int, tuple[str, str]]) -> None:
    """The mirrored statements rewritten as desired states, as the group does after mirroring (Ghanzi's
    planner types them in, so each objective's history shows the mirror and then the rewording)."""
    for node in TreeNode.objects.filter(project=project, tree=TreeNode.Tree.OBJECTIVE, problem__isnull=False):
        sv, en = objectives[node.problem_id]  # type: ignore[index]
        services.save_item(item=node, actor=planner, organisation=ghanzi, fields={"text_sv": sv, "text_en": en},
                           expected_version=node.version)


def _items(project: Project, lead: Any, planner: Any, ale: Organisation, ghanzi: Organisation,
           today: dt.date) -> None:
    def add(kind: str, fields: dict[str, Any], by_ghanzi: bool = False) -> Any:
        return services.create_item(project=project, actor=planner if by_ghanzi else lead,
                                    organisation=ghanzi if by_ghanzi else ale, kind=kind, fields=fields)

    for n, (sv, en, interest, influence, gsv, gen, lsv, len_, psv, pen) in enumerate(STAKEHOLDERS):
        add("stakeholder", {"name_sv": sv, "name_en": en, "interest": interest, "influence": influence,
                            "gains_sv": gsv, "gains_en": gen, "losses_sv": lsv, "losses_en": len_,
                            "participation_sv": psv, "participation_en": pen}, by_ghanzi=n % 2 == 1)
    for kind, sv, en, dsv, den, source in FACTORS:
        add("factor", {"kind": kind, "title_sv": sv, "title_en": en, "description_sv": dsv, "description_en": den,
                       "source": source})
    for n, (level, sv, en, isv, ien, verification, assumptions, days) in enumerate(LOGFRAME):
        add("logframe", {
            "level": level, "text_sv": sv, "text_en": en, "indicators_sv": isv, "indicators_en": ien,
            "verification_sv": verification, "assumptions_sv": assumptions,
            "responsible": (ghanzi if n % 2 else ale) if days else None,
            "starts_on": today + dt.timedelta(days=days[0]) if days else None,
            "ends_on": today + dt.timedelta(days=days[1]) if days else None})
    for n, (sv, en, likelihood, impact, msv, men, owner) in enumerate(RISKS):
        add("risk", {"text_sv": sv, "text_en": en, "likelihood": likelihood, "impact": impact,
                     "mitigation_sv": msv, "mitigation_en": men, "owner": owner}, by_ghanzi=n == 1)
