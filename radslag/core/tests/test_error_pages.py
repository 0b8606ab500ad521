"""Failing requests: the site's pages in the visitor's language, JSON on JSON endpoints, a 500 without a database."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_missing_page_has_the_layout_in_swedish(client_for, org):
    response = client_for(org).get("/finns-inte/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Sidan kunde inte hittas." in page and 'class="site-header"' in page and "Ale kommun" in page
    assert '<html lang="sv">' in page


def test_a_missing_page_is_in_english_for_a_visitor_who_chose_english(client_for, org):
    client = client_for(org)
    client.cookies["django_language"] = "en"
    page = client.get("/finns-inte/").content.decode()
    assert "The page could not be found." in page and '<html lang="en">' in page


def test_a_forbidden_page_has_the_layout(client_for, org, resident):
    response = client_for(org, resident).get("/personal/befolkning/")
    assert response.status_code == 403
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("path", ["/api/processes/finns-inte", "/api/finns-inte", "/rosta/999999/resultat.json"])
def test_json_endpoints_answer_404_in_json(client_for, org, path):
    response = client_for(org).get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert next(iter(response.json().values())) == "Sidan kunde inte hittas."


def _database_down(monkeypatch):
    def fail(host):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr("radslag.organisations.middleware.resolve_organisation", fail)


def test_the_500_page_renders_without_the_database(monkeypatch, org, django_assert_num_queries):
    """The organisation lookup raising stands for PostgreSQL being down; the page itself makes no query."""
    _database_down(monkeypatch)
    client = Client(HTTP_HOST=org.hostname, raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/dialoger/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel hos oss" in page and 'class="site-header"' in page and "<nav" in page


@pytest.mark.parametrize("path", ["/api/processes", "/rosta/1/resultat.json"])
def test_json_endpoints_answer_500_in_json_when_the_database_fails(monkeypatch, org, path):
    _database_down(monkeypatch)
    response = Client(HTTP_HOST=org.hostname, raise_request_exception=False).get(path)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "gick fel" in next(iter(response.json().values()))


def test_persistent_connections_are_checked_before_reuse(settings):
    from django.db import connection

    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_an_expired_form_gets_the_layout_and_a_plain_explanation(org):
    client = Client(HTTP_HOST=org.hostname, enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret hade gått ut" in page and 'class="site-header"' in page
