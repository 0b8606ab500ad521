import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_asgi_application()

# A scaled-out installation without SECRET_KEY refuses to start (see radslag.accounts.checks).
from radslag.accounts.checks import refuse_to_serve_unsafely  # noqa: E402  (needs the apps loaded above)

refuse_to_serve_unsafely()
