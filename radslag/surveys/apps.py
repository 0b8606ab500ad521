from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "radslag.surveys"
    label = "surveys"

    def ready(self) -> None:
        from radslag.audit.personal_data import register
        from radslag.surveys.focus_areas import register_kind
        from radslag.surveys.personal_data import SURVEY_RESPONSES

        register(SURVEY_RESPONSES)
        register_kind()
