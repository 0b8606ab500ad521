from typing import Any

from django.http import HttpRequest

from radslag.accounts.permissions import is_admin_in, is_staff_in


def roles(request: HttpRequest) -> dict[str, Any]:
    organisation = getattr(request, "organisation", None)
    user = getattr(request, "user", None)
    return {
        "is_staff_member": is_staff_in(user, organisation),
        "is_org_admin": is_admin_in(user, organisation),
    }
