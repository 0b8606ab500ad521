"""The default accessibility statement, used until an administrator writes the municipality's own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from radslag.organisations.models import Organisation


def default_statement_text(organisation: Organisation) -> str:
    """Plain text with blank lines between paragraphs; the page renders it with `linebreaks`."""
    paragraphs = [
        _(
            "%(name)s is responsible for this website. We want as many people as possible to be able to "
            "use it, whatever their abilities. This statement describes how the site meets the Swedish Act "
            "on accessibility to digital public services (2018:1937), which shortcomings we know of and "
            "how you can tell us about problems."
        )
        % {"name": organisation.name},
        _("How accessible is the website?"),
        _(
            "The website partly meets the requirements of the law. It is built to meet WCAG 2.1 at level AA "
            "(the European standard EN 301 549). It can be used with a keyboard alone, with a screen reader "
            "and without JavaScript, and the text can be enlarged without losing content."
        ),
        _("Known shortcomings"),
        _(
            "Documents that staff attach to a dialogue, such as minutes in PDF format, may not be fully "
            "accessible. Some images that participants have sent in lack a text alternative. Charts of "
            "results are always accompanied by a table with the same figures."
        ),
        _("How we tested the website"),
        _(
            "We test the website ourselves with automated checks and by hand, using only a keyboard and "
            "with screen readers. Every dialogue can also be joined on paper or at a meeting, and that "
            "input counts just as much as input sent through the website."
        ),
    ]
    return "\n\n".join(paragraphs)
