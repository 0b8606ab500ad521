"""The site's own files that belong to no single app: the layout templates (and the overrides of
django-allauth's pages), the shared static files and the project-wide Swedish translations.

They live inside the package so that an installed wheel serves the same pages as a checkout.
"""
