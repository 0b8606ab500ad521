"""A small OpenID Connect identity broker for tests, built on django-oauth-toolkit, run as its own process."""
