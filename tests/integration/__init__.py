"""Tests that span participation apps, which must not import each other."""
