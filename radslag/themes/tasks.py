"""Background work for themes: analysis runs, and storing each contribution's vector on arrival."""

from __future__ import annotations

from celery import shared_task


@shared_task
def run_analysis(run_id: int) -> str:
    """Run a queued analysis; returns the run's final status."""
    from radslag.themes.runs import execute_run

    return execute_run(run_id).status


@shared_task
def embed_contribution(contribution_id: int) -> bool:
    """Store the configured fixed-model backend's vector for one contribution (nothing for lexical)."""
    from radslag.themes.vectors import index_contribution

    return index_contribution(contribution_id)
