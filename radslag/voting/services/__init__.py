"""Every write on ballots goes through these functions."""

from radslag.voting.services.ballots import (
    add_theme_options,
    close_ballot,
    delete_option,
    generate_codes,
    hide_word,
    open_ballot,
    publish_results,
    save_ballot,
    save_option,
    sheet_codes,
)
from radslag.voting.services.casting import (
    AlreadyVotedError,
    VoterProfile,
    cast_ballot,
    enter_paper_ballot,
    new_idempotency_key,
)
from radslag.voting.services.fast_cast import cast_with_code

__all__ = [
    "AlreadyVotedError", "VoterProfile", "add_theme_options", "cast_ballot", "cast_with_code", "close_ballot",
    "delete_option", "enter_paper_ballot", "generate_codes", "hide_word", "new_idempotency_key", "open_ballot",
    "publish_results", "save_ballot", "save_option", "sheet_codes",
]
