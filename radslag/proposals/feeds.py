"""An Atom feed of the newest accepted proposals and answers."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from radslag.dialogues.views.public import organisation_of
from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal

FEED_SIZE = 50


class ProposalFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> Organisation:
        return organisation_of(request)

    def title(self, obj: Organisation) -> str:
        return _("Proposals in %(organisation)s") % {"organisation": obj.name}

    def link(self, obj: Organisation) -> str:
        return reverse("proposals:list")

    def subtitle(self, obj: Organisation) -> str:
        return _("New proposals collecting support, and the municipality's answers.")

    def items(self, obj: Organisation) -> list[Proposal]:
        return list(Proposal.objects.public().filter(organisation=obj).order_by("-updated_at")[:FEED_SIZE])

    def item_title(self, item: Proposal) -> str:
        return f"{item.title} ({item.status_label_at(timezone.now())})"

    def item_description(self, item: Proposal) -> str:
        return item.answer if item.status == Proposal.Status.ANSWERED else item.text[:500]

    def item_link(self, item: Proposal) -> str:
        return reverse("proposals:detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Proposal) -> dt.datetime | None:
        return item.accepted_at

    def item_updateddate(self, item: Proposal) -> dt.datetime:
        return item.updated_at
