from typing import Any

from django.http import HttpRequest

from radslag.core.access import capabilities_in
from radslag.core.permissions import Capability


def roles(request: HttpRequest) -> dict[str, Any]:
    """What the signed-in person may open here, for menus: `can.process_manage`, `can.audit_read`, …

    One entry per capability of the permission table (radslag.core.permissions), named after it.
    """
    organisation = getattr(request, "organisation", None)
    held = capabilities_in(getattr(request, "user", None), organisation)
    can = {capability.name.lower(): capability in held for capability in Capability}
    return {
        "can": can,
        "is_staff_member": can["staff_pages"],
        "is_org_admin": can["roles_manage"],
    }
