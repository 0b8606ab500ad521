"""Every page a demo person can reach by following links answers without a server error.

The demo municipality holds every kind of record in every state, so walking its links as each demo role
reaches most of the site with real data behind it: a page or download that fails for some data (the
personal-data download once did for anyone who had made a proposal) fails here. Links are followed
breadth-first from the start page, at most PAGES_PER_ROLE pages per role and a few pages per URL shape
(`/forslag/<n>/` counts once for every n), GET only; a link's query values are also tried as junk
(text, "²", a number beyond any key), which must be refused politely, never with a 500.

The demo is loaded once for the class; each test only reads it.
"""

from __future__ import annotations

import collections
import re
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


def crawl(client: Client) -> tuple[int, list[str]]:
    """How many pages were fetched, and a line for each answer of 500 or more."""
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
            queue.extend(link for link in LINK.findall(response.content.decode()) if link not in seen)
    return len(seen), failures


class DemoCrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())

    def test_no_page_a_visitor_reaches_fails(self) -> None:
        fetched, failures = crawl(Client(raise_request_exception=False))
        self.assertGreater(fetched, 50)
        self.assertEqual(failures, [])

    def test_no_page_any_demo_role_reaches_fails(self) -> None:
        for login in DEMO_LOGINS:
            with self.subTest(role=login.key):
                client = Client(raise_request_exception=False)
                client.force_login(User.objects.get(email=login.email))
                fetched, failures = crawl(client)
                self.assertGreater(fetched, 50)
                self.assertEqual(failures, [])
