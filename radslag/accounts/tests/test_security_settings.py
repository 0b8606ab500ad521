"""Headers and sessions: a Content-Security-Policy without inline script, HTTPS settings, and no
scaled-out start on a generated SECRET_KEY."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_DIRS = [ROOT / "radslag/site/templates", *sorted(ROOT.glob("radslag/*/templates"))]
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "inline event handler": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "inline style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_no_template_has_inline_script_handlers_or_styles():
    found = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {what}" for what, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize("url", ["/", "/konto/login/", "/dialoger/"])
def test_pages_carry_a_policy_that_allows_only_the_sites_own_scripts_and_styles(client_for, org, url):
    response = client_for(org).get(url)
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert INLINE["inline <script>"].search(response.content.decode()) is None


def test_the_e_id_broker_is_a_permitted_form_target(client_for, org, settings):
    settings.RADSLAG_CSP_FORM_ACTION = ["https://broker.example.se"]
    policy = client_for(org).get("/konto/login/")["Content-Security-Policy"]
    assert "form-action 'self' https://broker.example.se" in policy


def settings_process(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "SECURE_COOKIES"}}
    return subprocess.run(  # noqa: S603  (this interpreter, fixed code)
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
    )


def test_behind_https_cookies_are_secure_hsts_is_sent_and_links_use_https(tmp_path):
    code = ("from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
            "s.ACCOUNT_DEFAULT_HTTP_PROTOCOL)")
    on = settings_process({"RADSLAG_HTTPS": "true", "RADSLAG_VAR_DIR": str(tmp_path)}, code)
    assert on.stdout.split() == ["True", "True", "True", "https"], on.stderr
    off = settings_process({"RADSLAG_VAR_DIR": str(tmp_path)}, code)
    assert off.stdout.split() == ["False", "False", "False", "http"], off.stderr


def test_hsts_header_on_secure_requests(client_for, org, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client_for(org).get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


SCALED_OUT = {"CACHE_URL": "redis://127.0.0.1:6379/12"}


def test_scaled_out_without_secret_key_refuses_to_start(tmp_path):
    env = {**SCALED_OUT, "RADSLAG_VAR_DIR": str(tmp_path)}
    check = settings_process(env, "import sys; from django.core.management import execute_from_command_line as e; "
                                  "e(['manage.py', 'check'])")
    assert check.returncode != 0 and "radslag.E001" in check.stderr
    serve = settings_process(env, "import config.wsgi")
    assert serve.returncode != 0 and "SECRET_KEY is not set" in serve.stderr


def test_scaled_out_with_secret_key_and_the_embedded_default_start(tmp_path):
    code = "import config.wsgi; from django.core.management import call_command; call_command('check')"
    with_key = settings_process({**SCALED_OUT, "SECRET_KEY": "x" * 50, "RADSLAG_HTTPS": "true",
                                 "RADSLAG_VAR_DIR": str(tmp_path)}, code)
    assert with_key.returncode == 0, with_key.stderr
    embedded = settings_process({"RADSLAG_VAR_DIR": str(tmp_path)}, code)
    assert embedded.returncode == 0, embedded.stderr
