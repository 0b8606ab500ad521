from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from radslag.core.url_sections import by_first_segment

# Each app at the root is tried only for the first path segments its own paths begin with (core.url_sections).
urlpatterns: list[URLPattern | URLResolver] = by_first_segment([
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("radslag.api.urls")),
    path("django-admin/", admin.site.urls),
    path("konto/", include("allauth.urls")),
    path("", include("radslag.core.urls")),
    path("", include("radslag.organisations.urls")),
    path("", include("radslag.accounts.urls")),
    path("", include("radslag.audit.urls")),
    path("", include("radslag.messaging.urls")),
    path("", include("radslag.governance.urls")),
    path("", include("radslag.messaging.urls_newsletters")),
    path("", include("radslag.dialogues.urls")),
    path("", include("radslag.contributions.urls")),
    path("", include("radslag.contributions.urls_io")),
    path("", include("radslag.themes.urls")),
    path("", include("radslag.voting.urls")),
    path("", include("radslag.opinions.urls")),
    path("", include("radslag.panels.urls")),
    # surveys
    path("", include("radslag.surveys.urls")),
    path("", include("radslag.feedback.urls")),
    path("", include("radslag.councils.urls")),
    # working groups
    path("", include("radslag.workgroups.urls")),
    # planning
    path("", include("radslag.planning.urls")),
    # proposals (Aleförslaget)
    path("", include("radslag.proposals.urls")),
    path("", include("radslag.reports.urls")),
    path("", include("radslag.decisionbasis.urls")),
    # overview (officials)
    path("", include("radslag.overview.urls")),
    path("", include("radslag.help.urls")),
])

# Failing requests get the site's own pages in the visitor's language, or JSON on JSON endpoints.
handler400 = "radslag.core.error_pages.bad_request"
handler403 = "radslag.core.error_pages.permission_denied"
handler404 = "radslag.core.error_pages.page_not_found"
handler500 = "radslag.core.error_pages.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

__all__ = ["i18n_patterns", "urlpatterns"]
