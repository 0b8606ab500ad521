"""Results: the results page, the projector view and its JSON, and the JSON cast endpoint for kiosks."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from radslag.core.errors import DomainError
from radslag.core.input_cleaning import FORM_TYPES
from radslag.voting.live import shown_result
from radslag.voting.models import Ballot, Eligibility, Method
from radslag.voting.permissions import can_see_results
from radslag.voting.qr import qr_svg
from radslag.voting.results import result_rows, results_payload, schulze_tiers
from radslag.voting.services import AlreadyVotedError, cast_ballot, cast_with_code
from radslag.voting.views.public import client_hash, public_ballot
from radslag.voting.words import min_count, word_view, words_payload

PROJECTOR_REFRESH_SECONDS = 5


def _results_context(ballot: Ballot) -> dict[str, object]:
    now = timezone.now()
    shown = shown_result(ballot, now)
    words = ballot.method == Method.WORDS
    return {
        "ballot": ballot, "result": shown.result, "rows": [] if words else result_rows(ballot, shown.result),
        "schulze": schulze_tiers(ballot, shown.result), "people": shown.people, "shown": shown,
        "status": ballot.status_at(now), "is_open_vote": ballot.eligibility == Eligibility.OPEN, "now": now,
        "words": word_view(ballot, shown.result) if words else None, "word_min_count": min_count(),
    }


def _join_context(request: HttpRequest, ballot: Ballot, now: dt.datetime) -> dict[str, object]:
    """How the room joins: the voter page's address (also as a QR code), shown while the vote is open."""
    url = request.build_absolute_uri(reverse("voting:vote", kwargs={"ballot_pk": ballot.pk}))
    parts = urlsplit(url)
    return {"join_open": ballot.is_open(now), "join_url": url, "join_qr": qr_svg(url),
            "join_address": f"{parts.netloc}{parts.path}".rstrip("/")}


def results(request: HttpRequest, ballot_pk: int) -> HttpResponse:
    ballot = public_ballot(request, ballot_pk)
    if not can_see_results(request.user, ballot, timezone.now()):
        return render(request, "voting/results_hidden.html", {"ballot": ballot})
    return render(request, "voting/results.html", _results_context(ballot))


@never_cache
def projector(request: HttpRequest, ballot_pk: int) -> HttpResponse:
    ballot = public_ballot(request, ballot_pk)
    if not can_see_results(request.user, ballot, timezone.now()):
        raise PermissionDenied(_("The results are not published yet."))
    now = timezone.now()
    context = _results_context(ballot)
    # The screen is seen by the whole room: staff may open it early, but it shows a result only once public.
    context.update(_join_context(request, ballot, now), refresh=PROJECTOR_REFRESH_SECONDS,
                   results_shown=ballot.results_are_public(now))
    return render(request, "voting/projector.html", context)


@never_cache
def results_json(request: HttpRequest, ballot_pk: int) -> JsonResponse:
    ballot = public_ballot(request, ballot_pk)
    if not can_see_results(request.user, ballot, timezone.now()):
        return JsonResponse({"error": _("The results are not published yet.")}, status=403)
    shown = shown_result(ballot)
    if ballot.method == Method.WORDS:
        # Only the moderated words: the full count would show a word that one person wrote.
        payload = {**results_payload(ballot, shown.result, shown.people), "rows": [],
                   **words_payload(word_view(ballot, shown.result))}
    else:
        payload = results_payload(ballot, shown.result, shown.people)
    return JsonResponse({**payload, "final": shown.final})


@csrf_exempt
@require_POST
def cast_json(request: HttpRequest, ballot_pk: int) -> JsonResponse:
    """For kiosks and phone apps: JSON {code, idempotency_key, choices} in, {receipt} out.

    CSRF protection is not needed here because nothing ambient authorises the request: the voting code
    in the body is the only credential, so only code ballots are accepted (never a signed-in session).
    """
    try:
        # A form post instead of JSON: its body was already read as a form (text cleaning), and is no ballot.
        body = json.loads(request.body or b"{}") if request.content_type not in FORM_TYPES else None
        if body is not None and not isinstance(body, dict):
            raise ValueError
    except ValueError:
        body = None
    if body is not None and request.organisation is not None:  # type: ignore[attr-defined]
        try:
            fast = cast_with_code(
                organisation_id=request.organisation.pk, ballot_pk=ballot_pk,  # type: ignore[attr-defined]
                code=str(body.get("code", "")), idempotency_key=str(body.get("idempotency_key", "")),
                choices=body.get("choices"),
            )
        except DomainError as error:
            return JsonResponse({"error": error.message}, status=400)
        if fast is not None:
            return JsonResponse({"receipt": fast.receipt}, status=201)
    # Everything but a first submission of an unused code: the general path gives the precise answer.
    ballot = public_ballot(request, ballot_pk)
    if ballot.eligibility != Eligibility.CODES:
        return JsonResponse({"error": _("This ballot does not take votes with codes.")}, status=404)
    if body is None:
        return JsonResponse({"error": _("The ballot could not be read. Reload the page and try again.")}, status=400)
    try:
        cast = cast_ballot(
            ballot=ballot, choices=body.get("choices"), idempotency_key=str(body.get("idempotency_key", "")),
            code=str(body.get("code", "")), client_hash=client_hash(request),
        )
    except DomainError as error:
        return JsonResponse({"error": error.message}, status=409 if isinstance(error, AlreadyVotedError) else 400)
    return JsonResponse({"receipt": cast.receipt}, status=201)
