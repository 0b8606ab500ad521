"""The voter's pages: enter a code, vote, get a receipt, find it in the published ballot list."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.core.clients import client_address
from radslag.core.errors import DomainError
from radslag.core.throttle import throttled
from radslag.messaging.consent import ask_to_be_told
from radslag.messaging.forms import TellMeForm
from radslag.messaging.models import Source
from radslag.voting.codes import display_code, hash_code, normalise_code
from radslag.voting.forms import CodeForm, VoteForm
from radslag.voting.models import Ballot, BallotStatus, CastBallot, Eligibility, Method, VotingCode
from radslag.voting.permissions import can_see_ballot, can_see_results
from radslag.voting.results import count_ballot
from radslag.voting.services import cast_ballot, new_idempotency_key
from radslag.voting.services.casting import is_panel_member
from radslag.voting.words import word_view


def public_ballot(request: HttpRequest, ballot_pk: int) -> Ballot:
    """The ballot if it belongs to this municipality and may be seen; otherwise a 404."""
    ballot = get_object_or_404(
        # Options once per request: the count, the result rows and the Schulze order all read them.
        Ballot.objects.select_related("process", "organisation").prefetch_related("options"),
        pk=ballot_pk, organisation=request.organisation,  # type: ignore[attr-defined]
    )
    if not can_see_ballot(request.user, ballot):
        raise Http404
    return ballot


def client_hash(request: HttpRequest) -> str:
    """The connection, as a keyed hash: behind the TLS proxy its forwarded address (`client_address`)."""
    address = client_address(request)
    return salted_hmac("radslag.voting.client", address, algorithm="sha256").hexdigest()


def _code_problem(ballot: Ballot, code: str) -> str | None:
    row = VotingCode.objects.filter(ballot=ballot, code_hash=hash_code(code)).only("used_at").first()
    if row is None:
        return _("The code does not exist for this ballot. Check that you typed it correctly.")
    if row.used_at is not None:
        return _("The code has already been used.")
    return None


def _render_vote(request: HttpRequest, ballot: Ballot, form: VoteForm, status: int = 200) -> HttpResponse:
    context = {"ballot": ballot, "form": form, "now": timezone.now()}
    return render(request, "voting/vote.html", context, status=status)


def _code_page(request: HttpRequest, ballot: Ballot, code: str | None) -> HttpResponse | None:
    """For code ballots: the code form until a usable code is given (typed or from the QR link)."""
    if code is None:
        return render(request, "voting/code.html", {"ballot": ballot, "form": CodeForm()})
    problem = _code_problem(ballot, code)
    if problem is None:
        return None
    form = CodeForm({"kod": code})
    form.is_valid()
    form.add_error("kod", problem)
    return render(request, "voting/code.html", {"ballot": ballot, "form": form}, status=400)


def vote(request: HttpRequest, ballot_pk: int) -> HttpResponse:
    ballot = public_ballot(request, ballot_pk)
    now = timezone.now()
    if not ballot.is_open(now):
        return render(request, "voting/not_open.html", {"ballot": ballot, "now": now})
    if ballot.eligibility in (Eligibility.RESIDENTS, Eligibility.PANEL) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if ballot.eligibility == Eligibility.PANEL and not is_panel_member(request.user, ballot):
        context = {"ballot": ballot, "panel_url": _panel_url()}
        return render(request, "voting/panel_only.html", context, status=403)
    options = list(ballot.options.all())
    code_step = request.method == "POST" and request.POST.get("steg") == "kod"
    if request.method == "POST" and not code_step:
        return _cast(request, ballot, options)
    if ballot.eligibility == Eligibility.CODES:
        # The code is posted (so it stays out of access logs); QR links carry it after '#', which
        # browsers never send, and voting.js posts it. `?kod=` from sheets printed earlier still works.
        code = request.POST.get("kod") if code_step else request.GET.get("kod")
        refusal = _code_page(request, ballot, code)
        if refusal is not None:
            return refusal
        initial = {"kod": display_code(normalise_code(code or "")), "idempotency_key": new_idempotency_key()}
    else:
        initial = {"idempotency_key": new_idempotency_key()}
    return _render_vote(request, ballot, VoteForm(initial=initial, ballot=ballot, options=options))


def _panel_url() -> str:
    """The panel's public page, by name, so that voting does not import the panels app."""
    try:
        return reverse("panels:panel")
    except NoReverseMatch:
        return ""


def _cast(request: HttpRequest, ballot: Ballot, options: list) -> HttpResponse:
    if ballot.eligibility == Eligibility.OPEN and (refusal := throttled(request, "open_ballot")):
        return refusal
    form = VoteForm(request.POST, ballot=ballot, options=options)
    if not form.is_valid():
        return _render_vote(request, ballot, form, status=400)
    try:
        cast = cast_ballot(
            ballot=ballot, choices=form.raw_choices(), idempotency_key=form.cleaned_data["idempotency_key"],
            code=form.cleaned_data.get("kod") or "", voter=request.user, client_hash=client_hash(request),
            profile=form.profile(),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_vote(request, ballot, form, status=400)
    # The transaction has committed: the receipt shown next is for a stored ballot.
    return redirect("voting:receipt", ballot_pk=ballot.pk, receipt=cast.receipt)


def receipt(request: HttpRequest, ballot_pk: int, receipt: str) -> HttpResponse:
    ballot = public_ballot(request, ballot_pk)
    cast = get_object_or_404(CastBallot, ballot=ballot, receipt=receipt)
    tell_me_form = TellMeForm(organisation=ballot.organisation, user=request.user)
    return render(request, "voting/receipt.html", {"ballot": ballot, "cast": cast, "form": tell_me_form})


def ballot_list(request: HttpRequest, ballot_pk: int) -> HttpResponse:
    """Every counted ballot by receipt id with its choices: no codes, no people, no times."""
    ballot = public_ballot(request, ballot_pk)
    now = timezone.now()
    # Only once the result is final: a list that grows while voting shows each new ballot as it arrives.
    visible = ballot.status_at(now) == BallotStatus.PUBLISHED and can_see_results(request.user, ballot, now)
    casts = ballot.cast_ballots.order_by("receipt").only("ballot_id", "receipt", "choices", "source") if visible else []
    titles = {option.key: option.title for option in ballot.options.all()}
    if ballot.method == Method.WORDS and visible:
        # A free-text answer is listed only where the word view shows it (not rare, blocked or hidden).
        shown = {word.text for word in word_view(ballot, count_ballot(ballot)).words}
        rows = [(cast, cast.choices if cast.choices in shown else _("(not shown)")) for cast in casts]
    else:
        rows = [(cast, describe_choices(ballot, cast.choices, titles)) for cast in casts]
    return render(request, "voting/ballot_list.html", {"ballot": ballot, "rows": rows, "visible": visible})


def describe_choices(ballot: Ballot, choices: object, titles: dict[str, str]) -> str:
    if isinstance(choices, dict):
        return "; ".join(f"{titles.get(str(k), str(k))}: {n}" for k, n in choices.items())
    if isinstance(choices, list):
        separator = " > " if ballot.method == "ranked" else "; "
        return separator.join(titles.get(str(k), str(k)) for k in choices)
    return titles.get(str(choices), str(choices))


@require_POST
def tell_me(request: HttpRequest, ballot_pk: int) -> HttpResponse:
    """The receipt page's "tell me what happens". Its address holds no receipt, and what is stored names only
    the process: nothing links the address to a cast ballot (see radslag.messaging.consent)."""
    ballot = public_ballot(request, ballot_pk)
    if refusal := throttled(request, "consent"):
        return refusal
    form = TellMeForm(request.POST, organisation=ballot.organisation, user=request.user)
    if not form.tell_me_address():
        return render(request, "voting/tell_me.html", {"ballot": ballot, "form": form}, status=400)
    recipient = ask_to_be_told(
        organisation=ballot.organisation, email=form.tell_me_address(), source=Source.BALLOT,
        process_id=ballot.process_id, language=get_language() or "sv",
        user=request.user if request.user.is_authenticated else None,
    )
    back = reverse("voting:results", kwargs={"ballot_pk": ballot.pk})
    return render(request, "messaging/asked.html", {
        "recipient": recipient, "back_url": back, "back_label": _("Results"),
    })
