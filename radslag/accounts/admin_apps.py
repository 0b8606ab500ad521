"""The Django admin app with the site class from admin_site (kept apart: loaded before the models)."""

from django.contrib.admin.apps import AdminConfig


class RadslagAdminConfig(AdminConfig):
    default_site = "radslag.accounts.admin_site.RadslagAdminSite"
