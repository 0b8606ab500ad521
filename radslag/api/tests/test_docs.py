"""The API's documentation is served from our own static files."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_uses_only_local_assets(org, client_for):
    response = client_for(org).get("/api/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert all(asset.startswith("/static/") for asset in assets), assets
    assert "https://" not in html


def test_openapi_schema_names_the_api_and_its_paths(org, client_for):
    schema = client_for(org).get("/api/openapi.json").json()

    assert schema["info"]["title"] == "Rådslag API"
    assert schema["info"]["version"] == "1"
    assert "/api/processes/{slug}/contributions" in schema["paths"]
    assert set(schema["paths"]) >= {"/api/decisions/{decision_id}", "/api/focus-areas/{slug}"}


def test_the_api_is_read_only(org, client_for):
    response = client_for(org).post("/api/processes", {})

    assert response.status_code == 405
