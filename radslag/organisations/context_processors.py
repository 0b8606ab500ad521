from typing import Any

from django.http import HttpRequest


def organisation(request: HttpRequest) -> dict[str, Any]:
    return {"organisation": getattr(request, "organisation", None)}
