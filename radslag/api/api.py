"""The read-only JSON API: public facts about a municipality's dialogues, decisions and direction."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

from radslag.api import decisions, focus_areas, processes, proposals
from radslag.core.error_pages import MESSAGES

DESCRIPTION = (
    "Read-only, anonymous access to what a municipality has published in Rådslag: dialogue processes "
    "with their mandate, phases and updates, published contributions, decisions and focus areas, and "
    "citizen proposals (counts only, never supporters) with the municipality's answers. "
    "Every answer is about the municipality served at the host name you call."
)

api = NinjaAPI(
    title="Rådslag API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # The bundled Swagger UI is served from our own static files; a validator badge would
    # call an outside service, so it is turned off.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/processes", processes.router)
api.add_router("/decisions", decisions.router)
api.add_router("/focus-areas", focus_areas.router)
api.add_router("/proposals", proposals.router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """The same answer, in the visitor's language, as an address no endpoint has (`core.error_pages`)."""
    return api.create_response(request, {"detail": str(MESSAGES[404])}, status=404)
