from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The elected officials' overview and the public focus-area and vision pages.

    It reads from every app below it; apps below it that have something to add register it in
    governance's registries (radslag.governance.overview_sections, radslag.governance.focus_area_items).
    """

    name = "radslag.overview"
    label = "overview"
