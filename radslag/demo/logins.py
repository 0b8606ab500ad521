"""The demo's sign-ins: one person per role, with a password everyone may know (local demo only)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.accounts.models import Role
from radslag.core.models import AgeBand, Sex


@dataclass(frozen=True)
class DemoLogin:
    key: str
    email: str
    password: str
    display_name: str
    role: str
    can_do: Promise
    age_band: str = ""
    sex: str = ""
    locality: str = ""


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "admin", "administrator@ale.example", "ale-admin-2031", "Maria Lindberg", Role.ADMIN,
        _("administrator: settings, roles, rules and retention; everything staff can do; Django admin"),
    ),
    DemoLogin(
        "staff", "processledare@ale.example", "ale-process-2031", "Johan Ekström", Role.STAFF,
        _("staff member (process leader): plans processes, types in slips and notes, analyses, reports back"),
    ),
    DemoLogin(
        "moderator", "moderator@ale.example", "ale-moderera-2031", "Sara Holm", Role.MODERATOR,
        _("moderator: reviews contributions against the published rules and records reasons; no other staff work"),
    ),
    DemoLogin(
        "official", "politiker@ale.example", "ale-politik-2031", "Anders Berg", Role.OFFICIAL,
        _("elected official: reads every analysis (dashboard, themes, compilation, results), changes nothing"),
    ),
    DemoLogin(
        "host", "bordsvard@ale.example", "ale-bordsvard-2031", "Fatima Haddad", Role.RESIDENT,
        _("table host: records the notes of table 1 at the coming dialogue evening"),
        AgeBand.AGE_30_44, Sex.FEMALE, "Nol",
    ),
    DemoLogin(
        "resident", "invanare@ale.example", "ale-invanare-2031", "Karin Johansson", Role.RESIDENT,
        _("resident: takes part online, registers for meetings, follows her own contributions"),
        AgeBand.AGE_65_79, Sex.FEMALE, "Nödinge",
    ),
)

DEMO_EMAILS = tuple(login.email for login in DEMO_LOGINS)
