"""Every page a demo person can reach by following links answers without a server error, and so does
every form on those pages when it is sent empty or with junk.

The demo municipality holds every kind of record in every state, so walking its links as each demo role
reaches most of the site with real data behind it: a page or download that fails for some data (the
personal-data download once did for anyone who had made a proposal) fails here. Links are followed
breadth-first from the start page, at most PAGES_PER_ROLE pages per role and a few pages per URL shape
(`/forslag/<n>/` counts once for every n), GET only; a link's query values are also tried as junk
(text, "²", a number beyond any key), which must be refused politely, never with a 500.

Forms: each distinct form (by its action's URL shape) found on the pages is posted with its hidden fields
as given and every other field empty, then filled with junk (text, "²", a number beyond any key, 5,000
characters; digit-valued hidden fields get the same junk). A refusal must be a page or a redirect with a
message, never a 500. Forms that sign out or start an erasure are left out.

The demo is loaded once for the class; each test's changes are rolled back after it.
"""

from __future__ import annotations

import collections
import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qsl, urlencode

from django.core.management import call_command
from django.test import Client, TestCase

from radslag.accounts.models import User
from radslag.demo.logins import DEMO_LOGINS

PAGES_PER_ROLE = 160
PER_SHAPE = 2
JUNK = ("xxx", "²", "99999999999999999999")
LINK = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/media/", "/konto/logout", "/logga-ut")
NOT_POSTED = ("logout", "logga-ut", "/konto/", "/i18n/", "radera", "gallring", "mina-uppgifter")
FIELD_JUNK = ("", "xxx", "²", "99999999999999999999", "å" * 5000)


class Forms(HTMLParser):
    """The POST forms of a page: action and (name, type, value) of each field."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str, str]]]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("method", "get").lower() == "post":
            self.forms.append((found.get("action", ""), []))
            self._open = True
        elif self._open and tag in ("input", "textarea", "select") and found.get("name"):
            self.forms[-1][1].append((found["name"], found.get("type", tag), found.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = False


def crawl(client: Client, *, post_forms: bool = False) -> tuple[int, list[str]]:
    """How many pages were fetched, and a line for each answer of 500 or more (to pages, or to the forms on
    them when `post_forms`)."""
    posted: set[str] = set()
    seen: set[str] = set()
    shapes: collections.Counter[str] = collections.Counter()
    queue = collections.deque(["/"])
    failures = []
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.popleft().replace("&amp;", "&")
        path, _, query = url.partition("?")
        keys = sorted({key for key, _value in parse_qsl(query, keep_blank_values=True)})
        shape = re.sub(r"\d+", "N", path) + "?" + "&".join(keys)
        if url in seen or url.startswith(NOT_FOLLOWED) or shapes[shape] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
        for junk in JUNK if keys else ():
            tried = f"{path}?{urlencode(dict.fromkeys(keys, junk))}"
            if (status := client.get(tried).status_code) >= 500:
                failures.append(f"{tried}: {status}")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            page = response.content.decode()
            queue.extend(link for link in LINK.findall(page) if link not in seen)
            if post_forms:
                failures += _post_forms(client, page, path, posted)
    return len(seen), failures


def _post_forms(client: Client, page: str, path: str, posted: set[str]) -> list[str]:
    parser = Forms()
    parser.feed(page)
    failures = []
    for action, fields in parser.forms:
        target = (action or path).replace("&amp;", "&")
        shape = re.sub(r"\d+", "N", target)
        if not target.startswith("/") or shape in posted or any(word in target for word in NOT_POSTED):
            continue
        posted.add(shape)
        hidden = {name: value for name, kind, value in fields if kind == "hidden" and name != "csrfmiddlewaretoken"}
        for junk in FIELD_JUNK:
            data = {name: junk for name, kind, _value in fields if kind not in ("hidden", "submit", "file")}
            data.update({name: junk if value.isdigit() and junk else value for name, value in hidden.items()})
            if (status := client.post(target, data).status_code) >= 500:
                failures.append(f"POST {target} with {junk[:5]!r}: {status}")
    return failures


def signed_in(key: str | None, language: str = "sv") -> Client:
    """A client for the demo login with this key (None: a visitor), in the interface language given."""
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    if key is not None:
        client.force_login(User.objects.get(email=next(login.email for login in DEMO_LOGINS if login.key == key)))
    return client


class DemoCrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())

    def assert_crawls_clean(self, client: Client, *, post_forms: bool = False) -> None:
        fetched, failures = crawl(client, post_forms=post_forms)
        self.assertGreater(fetched, 50)
        self.assertEqual(failures, [])

    def test_no_page_a_visitor_reaches_fails(self) -> None:
        self.assert_crawls_clean(signed_in(None))

    def test_no_page_or_form_any_demo_role_reaches_fails_on_empty_or_junk_input(self) -> None:
        # One walk per role checks its pages and posts its forms: the pages are fetched once, not twice.
        for login in DEMO_LOGINS:
            with self.subTest(role=login.key):
                self.assert_crawls_clean(signed_in(login.key), post_forms=True)

    def test_no_page_reached_in_the_english_interface_fails(self) -> None:
        for key in (None, "resident", "staff"):
            with self.subTest(role=key or "visitor"):
                client = signed_in(key, "en")
                self.assertIn('<html lang="en"', client.get("/").content.decode())
                self.assert_crawls_clean(client)
