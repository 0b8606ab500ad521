"""The permission table says what DOMAIN.md says each role may touch."""

from radslag.core.models import MFA_ROLES, Role
from radslag.core.permissions import PERMISSIONS, Capability, capabilities_of

# PLANNING opens the planning pages; inside a project an official is only ever a reader (planning/services.py).
READING = {Capability.STAFF_PAGES, Capability.PROCESS_READ_ANALYSIS, Capability.RESULTS_READ_EARLY,
           Capability.PLANNING, Capability.SURVEYS_READ_RESULTS}
PERSONAL_DATA_OR_CODES = {
    Capability.PROCESS_READ_ANALYSIS, Capability.RESULTS_READ_EARLY, Capability.CONTRIBUTIONS_MODERATE,
    Capability.CONTRIBUTIONS_ENTER, Capability.CONTRIBUTIONS_IMPORT, Capability.CONTRIBUTIONS_EXPORT,
    Capability.VOTING_MANAGE_CODES, Capability.VOTING_ENTER_PAPER, Capability.PANEL_MANAGE,
    Capability.ROLES_MANAGE, Capability.AUDIT_READ,
}


def test_every_capability_has_a_row():
    assert set(PERMISSIONS) == set(Capability)


def test_a_moderator_sees_the_moderation_queue_and_nothing_else_of_staff_work():
    assert capabilities_of({Role.MODERATOR}) == {Capability.STAFF_PAGES, Capability.CONTRIBUTIONS_MODERATE}


def test_an_elected_official_reads_and_changes_nothing():
    assert capabilities_of({Role.OFFICIAL}) == READING


def test_a_resident_has_no_staff_capability():
    assert capabilities_of({Role.RESIDENT}) == set()


def test_only_administrators_change_roles_rules_population_and_see_the_audit_log():
    for capability in (Capability.ROLES_MANAGE, Capability.GOVERNANCE_MANAGE, Capability.POPULATION_MANAGE,
                       Capability.ORGANISATION_CONFIGURE, Capability.AUDIT_READ):
        assert PERMISSIONS[capability] == {Role.ADMIN}, capability


def test_staff_do_all_process_work_and_administrators_all_staff_work():
    staff = capabilities_of({Role.STAFF})
    assert {Capability.PROCESS_MANAGE, Capability.CONTRIBUTIONS_EXPORT, Capability.VOTING_MANAGE_CODES} <= staff
    assert staff <= capabilities_of({Role.ADMIN})


def test_everyone_who_reads_personal_data_or_codes_signs_in_with_a_second_factor():
    for capability in PERSONAL_DATA_OR_CODES:
        assert PERMISSIONS[capability] <= MFA_ROLES, capability


def test_read_only_capabilities_are_the_readers_own_and_open_no_write():
    """An official holds only read-only capabilities, so every page they open refuses their writes."""
    from radslag.core.permissions import READ_ONLY

    assert READING <= READ_ONLY
    assert capabilities_of({Role.OFFICIAL}) <= READ_ONLY
    assert Capability.PROCESS_MANAGE not in READ_ONLY
