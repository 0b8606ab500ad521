"""Load, once in the gunicorn master, what every worker would otherwise load on its first request.

Django imports the URL configuration (and with it every view module) and compiles each template the
first time a request needs it. In a freshly started worker that is about half a second for the URLs
and as much again for the templates, paid by whichever requests arrive first, and paid again in
every worker. Done in the master before it forks (`config/gunicorn.py`, with `preload_app`), the work
is done once, the workers start ready, and the loaded objects stay shared between them.

Nothing here touches the database: a connection opened in the master would be shared by every forked
worker.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def template_names() -> list[str]:
    """Every template the project's template engines can find, by the name a view would ask for."""
    names: set[str] = set()
    for loader in engines["django"].engine.template_loaders:  # type: ignore[attr-defined]
        for directory in loader.get_dirs():
            root = Path(directory)
            names.update(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    return sorted(names)


def warm_up() -> dict[str, int]:
    """Import the URLs and views, load every interface language's catalogue and compile every template.

    Returns how many languages and templates were loaded. A template that fails to compile is left out
    here and fails at its first request, as it would have anyway (`test_warmup` fails first)."""
    get_resolver().reverse_dict  # noqa: B018  (imports every URL module and view, and builds the look-ups)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Rådslag")
    compiled = 0
    engine = engines["django"]
    for name in template_names():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue
        compiled += 1
    return {"languages": len(settings.LANGUAGES), "templates": compiled}
