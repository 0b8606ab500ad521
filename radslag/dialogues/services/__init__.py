"""Every write in the dialogues app. Import from here; the modules split the work by concept."""

from radslag.dialogues.services.activities import cancel_activity, save_activity, save_table
from radslag.dialogues.services.processes import (
    PublicationRefusedError,
    close_process,
    create_process,
    delete_phase,
    edit_update,
    missing_labels,
    post_update,
    publish_process,
    save_phase,
    update_process,
)
from radslag.dialogues.services.registrations import (
    CancellationLinkError,
    CancellationLinkExpiredError,
    cancel_registration,
    cancellation_token,
    cancellation_url,
    places_left,
    register_for_activity,
    registration_for_token,
    registration_from_link,
)

__all__ = [
    "CancellationLinkError",
    "CancellationLinkExpiredError",
    "PublicationRefusedError",
    "cancel_activity",
    "cancel_registration",
    "cancellation_token",
    "cancellation_url",
    "close_process",
    "create_process",
    "delete_phase",
    "edit_update",
    "missing_labels",
    "places_left",
    "post_update",
    "publish_process",
    "register_for_activity",
    "registration_for_token",
    "registration_from_link",
    "save_activity",
    "save_phase",
    "save_table",
    "update_process",
]
