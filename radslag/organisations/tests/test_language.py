"""The site speaks Swedish until the visitor chooses English."""

import pytest


@pytest.mark.django_db
def test_swedish_even_when_the_browser_prefers_english(org, client_for):
    response = client_for(org).get("/tillganglighet/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert 'lang="sv"' in response.content.decode()


@pytest.mark.django_db
def test_english_after_choosing_it_with_the_language_switch(org, client_for):
    client = client_for(org)
    client.post("/i18n/setlang/", {"language": "en", "next": "/tillganglighet/"})
    response = client.get("/tillganglighet/")
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()
