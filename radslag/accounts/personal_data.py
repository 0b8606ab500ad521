"""Everything the platform holds about one person in one municipality, for viewing and download."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from radslag.accounts.models import User
from radslag.organisations.models import Organisation


def contributions_of(user: User, organisation: Organisation) -> QuerySet[Any]:
    return user.contributions.filter(organisation=organisation).select_related("process")  # type: ignore[attr-defined,no-any-return]


def registrations_of(user: User, organisation: Organisation) -> QuerySet[Any]:
    return (  # type: ignore[no-any-return]
        user.registrations.filter(activity__process__organisation=organisation)  # type: ignore[attr-defined]
        .select_related("activity", "activity__process")
        .order_by("-created_at")
    )


def personal_data(user: User, organisation: Organisation) -> dict[str, Any]:
    """A JSON-ready copy of the person's data: the basis for a copy under article 15 GDPR."""
    return {
        "municipality": organisation.name,
        "profile": {
            "email": user.email,
            "name": user.display_name,
            "verification_level": user.get_verification_level_display(),
            "age_band": user.age_band,
            # From e-ID; the personal identity number is held only as a keyed hash, which says nothing readable.
            "birth_year": user.birth_year,
            "personal_identity_number_hash_held": user.personal_number_hash is not None,
            "sex": user.sex,
            "locality": user.locality.name if user.locality else "",
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            membership.get_role_display() for membership in user.memberships.filter(organisation=organisation)
        ],
        "contributions": [
            {
                "received": item.created_at.isoformat(), "dialogue": item.process.title,
                "channel": item.get_channel_display(), "status": item.get_status_display(),
                "text": item.body, "published_text": item.published_body,
            }
            for item in contributions_of(user, organisation)
        ],
        "registrations": [
            {
                "activity": item.activity.title, "dialogue": item.activity.process.title,
                "starts": item.activity.starts_at.isoformat(), "status": item.get_status_display(),
                "name": item.name, "email": item.email, "needs": item.needs,
                "registered": item.created_at.isoformat(),
            }
            for item in registrations_of(user, organisation)
        ],
    }
