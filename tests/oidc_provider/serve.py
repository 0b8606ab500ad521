"""Starts the test broker: `python -m tests.oidc_provider.serve` with its settings in the environment.

Environment: BROKER_DATABASE (an SQLite file), BROKER_PEOPLE (JSON: username -> password and claims),
BROKER_CLIENT_ID, BROKER_CLIENT_SECRET, BROKER_REDIRECT_URI. It prints `listening on PORT` once ready.
"""

import json
import os
import secrets
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # the stdlib names it format
        sys.stderr.write("broker: " + format % args + "\n")


def main() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["BROKER_RSA_PRIVATE_KEY"] = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    os.environ.setdefault("BROKER_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, person in json.loads(os.environ["BROKER_PEOPLE"]).items():
        User.objects.create_user(username=username, password=person["password"])
    Application.objects.create(
        name="Rådslag", client_id=os.environ["BROKER_CLIENT_ID"], client_secret=os.environ["BROKER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["BROKER_REDIRECT_URI"], algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    print(f"listening on {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
