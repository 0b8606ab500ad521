"""The signed link in an invitation mail: it names the member and the invitation it belongs to.

A new invitation to the same member makes the earlier link invalid; a link is valid for 60 days.
"""

from __future__ import annotations

from django.core import signing

from radslag.workgroups.models import GroupMember

SALT = "radslag.workgroups.invitation"
MAX_AGE_SECONDS = 60 * 24 * 3600


def invitation_token(member: GroupMember) -> str:
    assert member.invited_at is not None, "a token belongs to a sent invitation"
    return signing.dumps({"m": member.pk, "t": int(member.invited_at.timestamp())}, salt=SALT, compress=True)


def member_for_token(token: str) -> GroupMember | None:
    """The member the link invites, if the link is genuine, recent and the newest one sent to them."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    member = (GroupMember.objects.select_related("group__organisation", "group__process")
              .filter(pk=payload.get("m")).first())
    if member is None or member.invited_at is None or int(member.invited_at.timestamp()) != payload.get("t"):
        return None
    return member
